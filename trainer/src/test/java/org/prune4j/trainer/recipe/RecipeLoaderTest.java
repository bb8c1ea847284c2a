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
    void pdpResolvesItsDefaultsAndRoundTrips() {
        Recipe r = RecipeLoader.parse(GOOD.replace("method: gmp", "method: pdp"), "t");
        PdpSpec pdp = r.pruning().pdp();
        assertEquals(new PdpSpec("unstructured", null, PdpSpec.DEFAULT_TAU_SCALE, null), pdp);
        assertEquals(r, RecipeLoader.parse(RecipeLoader.toYaml(r), "other"));
        Recipe nm = RecipeLoader.parse(GOOD.replace("method: gmp", "method: pdp\n  nm: {n: 2, m: 4}")
                .replace("  targetSparsity: 0.9\n", ""), "t");
        assertEquals("nm", nm.pruning().pdp().structure());
        assertEquals(0.5, nm.pruning().targetSparsity());
        RecipeException e = assertThrows(RecipeException.class, () -> RecipeLoader.parse(GOOD
                .replace("method: gmp", "method: pdp\n  nm: {n: 4, m: 4}").replace("  targetSparsity: 0.9\n", ""), "t"));
        assertEquals("pruning.nm.n: must be < m=4 for pdp (n = m prunes nothing), got 4", e.getMessage());
    }

    @Test
    void nameDefaultsToTheFileStem() {
        Recipe r = RecipeLoader.parse(GOOD.replace("name: t\n", ""), "quickstart");
        assertEquals("quickstart", r.name());
    }

    /** Each row: a bad edit of GOOD, and the exact message the user must see. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key         | train: {steps: 100, batchSize: 16} | train: {steps: 100, batchSize: 16, epochs: 3} | train.epochs: is not a known key (known here: batchSize, evalEvery, learningRate, logEvery, lrSchedule, minLearningRate, momentum, optimizer, steps, warmupSteps), got 'epochs'
            sparsity of 1       | targetSparsity: 0.9 | targetSparsity: 1.0 | pruning.targetSparsity: must be in [0, 1), got 1.0
            negative sparsity   | targetSparsity: 0.9 | targetSparsity: -0.1 | pruning.targetSparsity: must be in [0, 1), got -0.1
            zero steps          | steps: 100 | steps: 0 | train.steps: must be a positive integer, got 0
            negative batch      | batchSize: 16 | batchSize: -4 | train.batchSize: must be a positive integer, got -4
            unknown method      | method: gmp | method: pdq | pruning.method: must be one of none, gmp, pdp, got 'pdq'
            unknown model       | type: mlp | type: resnet | model.type: must be one of mlp, lenet5, char-transformer, got 'resnet'
            unknown dataset     | dataset: fashion-mnist | dataset: cifar10 | data.dataset: must be one of mnist, fashion-mnist, moby-dick, sotu, kjv, got 'cifar10'
            N greater than M    | frequency: 10} | frequency: 10}\\n  nm: {n: 5, m: 4} | pruning.nm.n: must be <= m=4 (N:M keeps N of every M), got 5
            begin after end     | begin: 10, end: 60 | begin: 70, end: 60 | pruning.schedule.end: must be >= begin=70 (equal: one shot at begin), got 60
            end after training  | end: 60 | end: 160 | pruning.schedule.end: must be <= train.steps=100, got 160
            text for images     | dataset: fashion-mnist | dataset: kjv | data.dataset: must be a image dataset for model type mlp, got 'kjv'
            wrong type          | steps: 100 | steps: many | train.steps: must be an integer, got 'many'
            bad regex           | method: gmp | method: gmp\\n  weights: 'fc[' | pruning.weights: must be a valid regular expression (Unclosed character class), got 'fc['
            key of other model  | hidden: [32] | hidden: [32], heads: 4 | model.heads: does not apply to model type mlp, got 4
            missing steps       | steps: 100, | | train.steps: is required, got null
            non-positive lr     | batchSize: 16} | batchSize: 16, learningRate: 0} | train.learningRate: must be a positive number, got 0.0
            pdp tau twice       | method: gmp | method: pdp\\n  pdp: {tau: 0.0001, tauScale: 0.01} | pruning.pdp.tauScale: must be left out when tau is given (one rule for τ), got 0.01
            pdp unknown form    | method: gmp | method: pdp\\n  pdp: {structure: blocks} | pruning.pdp.structure: must be one of unstructured, nm, channel, got 'blocks'
            pdp nm without nm   | method: gmp | method: pdp\\n  pdp: {structure: nm} | pruning.pdp.structure: nm needs the pattern in pruning.nm: {n, m}, got 'nm'
            pdp global channels | method: gmp | method: pdp\\n  scope: global\\n  pdp: {structure: channel} | pruning.scope: must be layer for pdp.structure channel (norms of channels of different widths do not compare), got 'global'
            pdp freeze early    | method: gmp | method: pdp\\n  pdp: {freezeAt: 50} | pruning.pdp.freezeAt: must be >= schedule.end=60 (the target is reached first), got 50
            pdp freeze late     | method: gmp | method: pdp\\n  pdp: {freezeAt: 150} | pruning.pdp.freezeAt: must be <= train.steps=100, got 150
            pdp keys for gmp    | method: gmp | method: gmp\\n  pdp: {tau: 0.0001} | pruning.pdp: applies to method pdp only, got 'gmp'
            """)
    void rejectsBadRecipesWithOneClearMessage(String kind, String from, String to, String message) {
        String yaml = GOOD.replace(from, to == null ? "" : to.replace("\\n", "\n"));
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
