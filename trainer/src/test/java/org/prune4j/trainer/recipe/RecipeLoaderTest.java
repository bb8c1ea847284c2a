package org.prune4j.trainer.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.prune4j.trainer.model.Mlp;

class RecipeLoaderTest {

    static final String GOOD = """
            name: t
            model: {type: mlp, hidden: [32]}
            data: {dataset: fashion-mnist}
            train: {steps: 100, batchSize: 16}
            pruning:
              method: gmp
              targetSparsity: 0.9
              schedule: {begin: 10, end: 60, frequency: 10}
            """;

    @Test
    void resolvesDefaultsAndRoundTrips() {
        Recipe r = RecipeLoader.parse(GOOD, "ignored");
        assertEquals(42L, r.seed());
        assertEquals("adam", r.train().optimizer());
        assertEquals(20, r.train().evalEvery());
        assertEquals(3.0, r.pruning().schedule().power());
        assertEquals("runs", r.output().dir());
        String yaml = RecipeLoader.toYaml(r);
        assertEquals(r, RecipeLoader.parse(yaml, "other"));
    }

    @Test
    void nameDefaultsToTheFileStem() {
        Recipe r = RecipeLoader.parse(GOOD.replace("name: t\n", ""), "quickstart");
        assertEquals("quickstart", r.name());
    }

    /** Each row: a bad edit of GOOD, and the exact message the user must see. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key         | train: {steps: 100, batchSize: 16} | train: {steps: 100, batchSize: 16, epochs: 3} | train.epochs: is not a known key (known here: batchSize, evalEvery, frozen, learningRate, logEvery, lrSchedule, minLearningRate, momentum, optimizer, steps, warmupSteps), got 'epochs'
            sparsity of 1       | targetSparsity: 0.9 | targetSparsity: 1.0 | pruning.targetSparsity: must be in [0, 1), got 1.0
            negative sparsity   | targetSparsity: 0.9 | targetSparsity: -0.1 | pruning.targetSparsity: must be in [0, 1), got -0.1
            zero steps          | steps: 100 | steps: 0 | train.steps: must be a positive integer, got 0
            negative batch      | batchSize: 16 | batchSize: -4 | train.batchSize: must be a positive integer, got -4
            unknown method      | method: gmp | method: pdq | pruning.method: must be one of none, gmp, pdp, maskllm, got 'pdq'
            unknown model       | type: mlp | type: resnet | model.type: must be one of mlp, lenet5, char-transformer, got 'resnet'
            unknown dataset     | dataset: fashion-mnist | dataset: cifar10 | data.dataset: must be one of mnist, fashion-mnist, moby-dick, sotu, kjv, got 'cifar10'
            N greater than M    | frequency: 10} | frequency: 10}\\n  nm: {n: 5, m: 4} | pruning.nm.n: must be <= m=4 (N:M keeps N of every M), got 5
            begin after end     | begin: 10, end: 60 | begin: 70, end: 60 | pruning.schedule.end: must be > begin=70, got 60
            end after training  | end: 60 | end: 160 | pruning.schedule.end: must be <= train.steps=100, got 160
            text for images     | dataset: fashion-mnist | dataset: kjv | data.dataset: must be a image dataset for model type mlp, got 'kjv'
            wrong type          | steps: 100 | steps: many | train.steps: must be an integer, got 'many'
            bad regex           | method: gmp | method: gmp\\n  weights: 'fc[' | pruning.weights: must be a valid regular expression (Unclosed character class), got 'fc['
            key of other model  | hidden: [32] | hidden: [32], heads: 4 | model.heads: does not apply to model type mlp, got 4
            missing steps       | steps: 100, | | train.steps: is required, got null
            non-positive lr     | batchSize: 16} | batchSize: 16, learningRate: 0} | train.learningRate: must be a positive number, got 0.0
            bad frozen regex    | batchSize: 16} | batchSize: 16, frozen: 'fc['} | train.frozen: must be a valid regular expression (Unclosed character class), got 'fc['
            maskllm without nm  | method: gmp | method: maskllm | pruning.nm: must be an N:M pattern with n < m for maskllm (it learns N:M masks), got null
            maskllm keys on gmp | frequency: 10} | frequency: 10}\\n  maskllm: {initStd: 0.1} | pruning.maskllm: applies to method maskllm only, got 'gmp'
            """)
    void rejectsBadRecipesWithOneClearMessage(String kind, String from, String to, String message) {
        String yaml = GOOD.replace(from, to == null ? "" : to.replace("\\n", "\n"));
        RecipeException e = assertThrows(RecipeException.class, () -> RecipeLoader.parse(yaml, "t"), kind);
        assertEquals(message, e.getMessage(), kind);
    }

    static final String MASKLLM = """
            name: t
            model: {type: mlp, hidden: [32]}
            data: {dataset: fashion-mnist}
            train: {steps: 100, batchSize: 16}
            pruning:
              method: maskllm
              nm: {n: 2, m: 4}
              schedule: {end: 100}
              maskllm: {initStd: 0.2}
            """;

    /** Defaults of pruning.maskllm are the official LLaMA-2 script's (reference/algorithms.md §4.4). */
    @Test
    void maskllmResolvesThePaperDefaultsAndRoundTrips() {
        Recipe r = RecipeLoader.parse(MASKLLM, "t");
        MaskLlmSpec m = r.pruning().maskllm();
        assertEquals(new AnnealSpec(4.0, 0.05), m.tau());
        assertEquals(new AnnealSpec(100.0, 500.0), m.kappa());
        assertEquals("magnitude", m.prior());
        assertEquals(3.0, m.priorStrength());
        assertEquals(1e-5, m.regularizer());
        assertEquals("linear", m.regularizerDecay());
        assertEquals(0.1, m.maskWeightDecay());
        assertEquals(true, m.freezeWeights());
        assertEquals(0.5, r.pruning().targetSparsity());
        assertEquals(r, RecipeLoader.parse(RecipeLoader.toYaml(r), "t"));
    }

    /** Each row: a bad edit of MASKLLM, and the exact message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            n equal to m          | n: 2, m: 4 | n: 4, m: 4 | pruning.nm: must be an N:M pattern with n < m for maskllm (it learns N:M masks), got '4:4'
            unknown prior         | initStd: 0.2 | prior: sparsegpt | pruning.maskllm.prior: must be one of magnitude, wanda, none, got 'sparsegpt'
            prior with initFrom   | initStd: 0.2 | prior: magnitude, initFrom: run/mask-logits.fb | pruning.maskllm.prior: must be none (or left out) when initFrom gives the logits, got 'magnitude'
            tau to zero           | initStd: 0.2 | tau: {from: 4, to: 0} | pruning.maskllm.tau.to: must be a positive number, got 0.0
            kappa without to      | initStd: 0.2 | kappa: {from: 10} | pruning.maskllm.kappa.to: is required, got null
            negative strength     | initStd: 0.2 | priorStrength: -1 | pruning.maskllm.priorStrength: must be a finite number >= 0, got -1.0
            calibration, no wanda | initStd: 0.2 | calibrationBatches: 8 | pruning.maskllm.calibrationBatches: applies to prior wanda only, got 8
            weight decay of 1     | initStd: 0.2 | maskWeightDecay: 1.0 | pruning.maskllm.maskWeightDecay: must be in [0, 1), got 1.0
            unknown decay         | initStd: 0.2 | regularizerDecay: cosine | pruning.maskllm.regularizerDecay: must be one of linear, constant, got 'cosine'
            zero mask lr          | initStd: 0.2 | maskLearningRate: 0 | pruning.maskllm.maskLearningRate: must be a positive number, got 0.0
            negative init std     | initStd: 0.2 | initStd: -0.2 | pruning.maskllm.initStd: must be a finite number >= 0, got -0.2
            """)
    void rejectsBadMaskllmSectionsWithOneClearMessage(String kind, String from, String to, String message) {
        String yaml = MASKLLM.replace(from, to);
        RecipeException e = assertThrows(RecipeException.class, () -> RecipeLoader.parse(yaml, "t"), kind);
        assertEquals(message, e.getMessage(), kind);
    }

    @Test
    void aWeightPatternThatMatchesNothingIsRejectedAgainstTheGraph() {
        Recipe r = RecipeLoader.parse(GOOD.replace("method: gmp", "method: gmp\n  weights: 'conv.*'"), "t");
        RecipeException e = assertThrows(RecipeException.class,
                () -> GraphChecks.selectedWeights(r.pruning(), Mlp.build(1, 784, List.of(32), 10)));
        assertEquals("pruning.weights: must match at least one prunable weight (this model has: fc1/W, fc2/W), got 'conv.*'",
                e.getMessage());
    }
}
