package org.prune4j.trainer.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
        assertEquals("cubic", r.pruning().schedule().type());
        assertEquals("uniform", r.pruning().allocation());
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
    void pdpFollowsTheRampSchedulesAndOneShotsButNotSpdf() {
        Recipe geometric = RecipeLoader.parse(GOOD.replace("method: gmp", "method: pdp")
                .replace("frequency: 10}", "frequency: 10, type: geometric}"), "t");
        assertEquals("geometric", geometric.pruning().schedule().type());
        Recipe oneShot = RecipeLoader.parse(GOOD.replace("method: gmp", "method: pdp").replace("end: 60", "end: 10"), "t");
        assertEquals(10, oneShot.pruning().schedule().end());
        RecipeException e = assertThrows(RecipeException.class, () -> RecipeLoader.parse(GOOD
                .replace("method: gmp", "method: pdp").replace("frequency: 10}", "type: spdf}"), "t"));
        assertEquals("pruning.schedule.type: must be cubic, polynomial or geometric for method pdp (spdf releases "
                + "the masks; pdp's soft masks harden and stay), got 'spdf'", e.getMessage());
        assertEquals("none", oneShot.distributed().master(), "pdp trains in one JVM by default");
        RecipeException spark = assertThrows(RecipeException.class, () -> RecipeLoader.parse(GOOD
                .replace("method: gmp", "method: pdp") + "distributed: {master: 'local[2]'}\n", "t"));
        assertEquals("distributed.master: must be none for pruning.method pdp (its soft masks are recomputed on the "
                + "driver before every step, and workers receive only hard masks), got 'local[2]'", spark.getMessage());
    }

    @Test
    void nameDefaultsToTheFileStem() {
        Recipe r = RecipeLoader.parse(GOOD.replace("name: t\n", ""), "quickstart");
        assertEquals("quickstart", r.name());
    }

    /** Each row: a bad edit of GOOD, and the exact message the user must see. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key         | train: {steps: 100, batchSize: 16} | train: {steps: 100, batchSize: 16, epochs: 3} | train.epochs: is not a known key (known here: batchSize, beta1, beta2, evalEvery, frozen, gradientClip, learningRate, logEvery, lrSchedule, minLearningRate, momentum, optimizer, steps, warmupSteps, weightDecay), got 'epochs'
            sparsity of 1       | targetSparsity: 0.9 | targetSparsity: 1.0 | pruning.targetSparsity: must be in [0, 1), got 1.0
            negative sparsity   | targetSparsity: 0.9 | targetSparsity: -0.1 | pruning.targetSparsity: must be in [0, 1), got -0.1
            zero steps          | steps: 100 | steps: 0 | train.steps: must be a positive integer, got 0
            negative batch      | batchSize: 16 | batchSize: -4 | train.batchSize: must be a positive integer, got -4
            unknown method      | method: gmp | method: pdq | pruning.method: must be one of none, gmp, pdp, maskllm, got 'pdq'
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
            betas of sgd        | batchSize: 16} | batchSize: 16, optimizer: sgd, beta2: 0.95} | train.beta2: applies to optimizer adam only, got 0.95
            beta2 of 1          | batchSize: 16} | batchSize: 16, beta2: 1} | train.beta2: must be in [0, 1), got 1.0
            decay of 1          | batchSize: 16} | batchSize: 16, weightDecay: 1} | train.weightDecay: must be in [0, 1), got 1.0
            zero clip           | batchSize: 16} | batchSize: 16, gradientClip: 0} | train.gradientClip: must be a positive number, got 0.0
            non-positive lr     | batchSize: 16} | batchSize: 16, learningRate: 0} | train.learningRate: must be a positive number, got 0.0
            frequency over ramp | frequency: 10} | frequency: 60} | pruning.schedule.frequency: must be <= end - begin = 50, got 60
            unknown type        | frequency: 10} | frequency: 10, type: cosine} | pruning.schedule.type: must be one of cubic, polynomial, geometric, spdf, got 'cosine'
            cubic of power 2    | frequency: 10} | frequency: 10, type: cubic, power: 2} | pruning.schedule.power: must be 3 for type cubic (type polynomial takes other powers), got 2.0
            geometric off grid  | frequency: 10} | frequency: 20, type: geometric} | pruning.schedule.end: must be begin + a multiple of frequency=20 for type geometric (its last event is at end), got 60
            geometric initial   | frequency: 10} | frequency: 10, type: geometric, initialSparsity: 0.1} | pruning.schedule.initialSparsity: does not apply to type geometric, got 0.1
            spdf frequency      | frequency: 10} | frequency: 10, type: spdf} | pruning.schedule.frequency: does not apply to type spdf, got 10
            fraction alone      | begin: 10, end: 60 | beginFraction: 0.1 | pruning.schedule.endFraction: is required, got null
            fraction above 1    | begin: 10, end: 60 | beginFraction: 0.1, endFraction: 1.5 | pruning.schedule.endFraction: must be in (beginFraction=0.1, 1], got 1.5
            window, no fraction | frequency: 10} | frequency: 10, window: compute} | pruning.schedule.window: applies with beginFraction and endFraction only, got 'compute'
            unknown window      | begin: 10, end: 60 | beginFraction: 0.1, endFraction: 0.6, window: flops | pruning.schedule.window: must be one of steps, compute, got 'flops'
            spdf in compute     | begin: 10, end: 60 | beginFraction: 0.1, endFraction: 0.6, window: compute, type: spdf | pruning.schedule.window: must be steps for type spdf (it has no ramp to place in compute), got 'compute'
            step and fraction   | begin: 10, end: 60 | begin: 20, beginFraction: 0.1, endFraction: 0.6 | pruning.schedule.begin: must be left out when beginFraction is set, or equal the step 10 it resolves to, got 20
            window under grid   | begin: 10, end: 60, frequency: 10 | beginFraction: 0.1, endFraction: 0.6, frequency: 200, window: compute | pruning.schedule.frequency: must be <= train.steps=100 to place a fraction window, got 200
            fractions collapse  | begin: 10, end: 60 | beginFraction: 0.1, endFraction: 0.12 | pruning.schedule.endFraction: must leave at least one step of the frequency=10 grid after beginFraction (both round to step 10 of 100), got 0.12
            unknown allocation  | method: gmp | method: gmp\\n  allocation: random | pruning.allocation: must be one of uniform, global, erk, got 'random'
            scope vs allocation | method: gmp | method: gmp\\n  scope: global\\n  allocation: erk | pruning.allocation: must be global exactly when scope is global (scope=global; scope is the older spelling of the same choice), got 'erk'
            erk with N:M        | targetSparsity: 0.9 | allocation: erk\\n  nm: {n: 2, m: 4} | pruning.allocation: must be uniform when nm is set (N:M is per group), got 'erk'
            bad exclude         | method: gmp | method: gmp\\n  exclude: 'fc(' | pruning.exclude: must be a valid regular expression (Unclosed group), got 'fc('
            negative every      | batchSize: 16} | batchSize: 16}\\ncheckpoint: {every: -5} | checkpoint.every: must be >= 0, got -5
            zero keep           | batchSize: 16} | batchSize: 16}\\ncheckpoint: {every: 10, keep: 0} | checkpoint.keep: must be a positive integer, got 0
            keep without every  | batchSize: 16} | batchSize: 16}\\ncheckpoint: {keep: 3} | checkpoint.keep: applies only when every > 0 (checkpoints are off), got 3
            dir without every   | batchSize: 16} | batchSize: 16}\\ncheckpoint: {every: 0, dir: ckpt} | checkpoint.dir: applies only when every > 0 (checkpoints are off), got 'ckpt'
            bad dir URI         | batchSize: 16} | batchSize: 16}\\ncheckpoint: {every: 10, dir: 'hdfs://nn/a b'} | checkpoint.dir: must be a path or a URI such as hdfs://namenode:8020/checkpoints (Illegal character in path), got 'hdfs://nn/a b'
            blank dir           | batchSize: 16} | batchSize: 16}\\ncheckpoint: {every: 10, dir: ' '} | checkpoint.dir: must not be blank, got ' '
            unknown checkpoint  | batchSize: 16} | batchSize: 16}\\ncheckpoint: {evry: 10} | checkpoint.evry: is not a known key (known here: dir, every, keep), got 'evry'
            pdp tau twice       | method: gmp | method: pdp\\n  pdp: {tau: 0.0001, tauScale: 0.01} | pruning.pdp.tauScale: must be left out when tau is given (one rule for τ), got 0.01
            pdp unknown form    | method: gmp | method: pdp\\n  pdp: {structure: blocks} | pruning.pdp.structure: must be one of unstructured, nm, channel, got 'blocks'
            pdp nm without nm   | method: gmp | method: pdp\\n  pdp: {structure: nm} | pruning.pdp.structure: nm needs the pattern in pruning.nm: {n, m}, got 'nm'
            pdp global channels | method: gmp | method: pdp\\n  scope: global\\n  pdp: {structure: channel} | pruning.scope: must be layer for pdp.structure channel (norms of channels of different widths do not compare), got 'global'
            pdp freeze early    | method: gmp | method: pdp\\n  pdp: {freezeAt: 50} | pruning.pdp.freezeAt: must be >= schedule.end=60 (the target is reached first), got 50
            pdp freeze late     | method: gmp | method: pdp\\n  pdp: {freezeAt: 150} | pruning.pdp.freezeAt: must be <= train.steps=100, got 150
            pdp keys for gmp    | method: gmp | method: gmp\\n  pdp: {tau: 0.0001} | pruning.pdp: applies to method pdp only, got 'gmp'
            one-shot spdf       | end: 60, frequency: 10} | end: 10, type: spdf} | pruning.schedule.end: must be > begin=10 for type spdf (the release comes after the masks), got 10
            one shot from 0.1   | end: 60, frequency: 10} | end: 10, frequency: 10, initialSparsity: 0.1} | pruning.schedule.initialSparsity: must be 0 when end == begin (a one shot has no ramp to start from), got 0.1
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

    @Test
    void anAnnealShapeIsReadAndRoundTrips() {
        Recipe r = RecipeLoader.parse(MASKLLM.replace("initStd: 0.2", "tau: {from: 4, to: 0.05, shape: exponential}"),
                "t");
        assertEquals(new AnnealSpec(4.0, 0.05, "exponential"), r.pruning().maskllm().tau());
        assertEquals("linear", r.pruning().maskllm().kappa().shape());
        assertEquals(r, RecipeLoader.parse(RecipeLoader.toYaml(r), "t"));
    }

    /** Each row: a bad edit of MASKLLM, and the exact message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            n equal to m          | n: 2, m: 4 | n: 4, m: 4 | pruning.nm: must be an N:M pattern with n < m for maskllm (it learns N:M masks), got '4:4'
            no learning phase     | end: 100 | begin: 100, end: 100 | pruning.schedule.end: must be > begin=100 for maskllm (the masks are learned from begin and hardened at end), got 100
            unknown prior         | initStd: 0.2 | prior: sparsegpt | pruning.maskllm.prior: must be one of magnitude, wanda, none, got 'sparsegpt'
            prior with initFrom   | initStd: 0.2 | prior: magnitude, initFrom: run/mask-logits.fb | pruning.maskllm.prior: must be none (or left out) when initFrom gives the logits, got 'magnitude'
            tau to zero           | initStd: 0.2 | tau: {from: 4, to: 0} | pruning.maskllm.tau.to: must be a positive number, got 0.0
            kappa without to      | initStd: 0.2 | kappa: {from: 10} | pruning.maskllm.kappa.to: is required, got null
            unknown tau shape     | initStd: 0.2 | tau: {from: 4, to: 0.05, shape: x} | pruning.maskllm.tau.shape: must be one of linear, exponential, cosine, got 'x'
            unknown kappa shape   | initStd: 0.2 | kappa: {from: 10, to: 100, shape: step} | pruning.maskllm.kappa.shape: must be one of linear, exponential, cosine, got 'step'
            misspelt shape key    | initStd: 0.2 | tau: {from: 4, to: 0.05, shap: cosine} | pruning.maskllm.tau.shap: is not a known key (known here: from, shape, to), got 'shap'
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
    void aPowerOtherThanThreeMakesTheRampPolynomialAndScopeGlobalIsAllocationGlobal() {
        Recipe r = RecipeLoader.parse(GOOD.replace("frequency: 10}", "frequency: 10, power: 2}")
                .replace("method: gmp", "method: gmp\n  scope: global"), "t");
        assertEquals("polynomial", r.pruning().schedule().type());
        assertEquals("global", r.pruning().allocation());
        assertEquals("global", RecipeLoader.parse(GOOD.replace("method: gmp", "method: gmp\n  allocation: global"), "t")
                .pruning().scope());
    }

    @Test
    void fractionsOfStepsResolveOntoTheFrequencyGridAndTheResolvedRecipeRoundTrips() {
        Recipe r = RecipeLoader.parse(GOOD.replace("begin: 10, end: 60", "beginFraction: 0.12, endFraction: 0.58"), "t");
        assertEquals(10, r.pruning().schedule().begin(), "0.12 * 100 steps, to the nearest multiple of 10");
        assertEquals(60, r.pruning().schedule().end());
        assertEquals("steps", r.pruning().schedule().window());
        assertEquals(r, RecipeLoader.parse(RecipeLoader.toYaml(r), "t"));
    }

    @Test
    void aComputeWindowAtEightyPercentResolvesToATenthAndAHalfOfTheSteps() {
        // reference/algorithms.md §2.3: T = 10,000, s = 0.8, frequency 100 -> steps 1,000 and 5,000
        Recipe r = RecipeLoader.parse(GOOD.replace("steps: 100", "steps: 10000").replace("targetSparsity: 0.9",
                "targetSparsity: 0.8").replace("begin: 10, end: 60, frequency: 10",
                "type: geometric, beginFraction: 0.25, endFraction: 0.75, window: compute, frequency: 100"), "t");
        assertEquals(1000, r.pruning().schedule().begin());
        assertEquals(5000, r.pruning().schedule().end());
        assertEquals(r, RecipeLoader.parse(RecipeLoader.toYaml(r), "t"));
    }

    @Test
    void anExclusionThatLeavesNothingIsRejectedAgainstTheGraph() {
        assertEquals("pruning.exclude: must leave at least one of the weights pruning.weights selects, got 'fc.*'",
                graphError("exclude: 'fc.*'"));
        Recipe firstOut = RecipeLoader.parse(GOOD.replace("method: gmp", "method: gmp\n  exclude: fc1/W"), "t");
        assertEquals(List.of("fc2/W"), GraphChecks.selectedWeights(firstOut.pruning(), Mlp.build(1, 784, List.of(32), 10))
                .stream().map(w -> w.name()).toList());
    }

    @Test
    void checkpointsAreOffByDefaultAndGoUnderTheRunDirectoryOrANamedFolderOfAnAbsoluteOne() {
        assertEquals(CheckpointSpec.off(), RecipeLoader.parse(GOOD, "t").checkpoint());
        CheckpointSpec relative = RecipeLoader.parse(GOOD + "checkpoint: {every: 10}\n", "t").checkpoint();
        assertEquals(new CheckpointSpec(10, "checkpoints", 3), relative);
        Path run = Path.of("/data/runs/t-2");
        assertEquals("/data/runs/t-2/checkpoints", relative.location(run));
        assertEquals("/ckpt/t-2", new CheckpointSpec(10, "/ckpt", 3).location(run));
        assertEquals("hdfs://nn:8020/ckpt/t-2", new CheckpointSpec(10, "hdfs://nn:8020/ckpt/", 3).location(run));
    }

    @Test
    void overrideReplacesOneValueAndValidatesAgain() {
        Recipe r = RecipeLoader.parse(GOOD, "t");
        Recipe longer = RecipeLoader.override(r, "train.steps", 200);
        assertEquals(200, longer.train().steps());
        assertEquals(List.of("train.steps"), RecipeDiff.fields(r, longer));
        RecipeException tooShort = assertThrows(RecipeException.class, () -> RecipeLoader.override(r, "train.steps", 50));
        assertEquals("pruning.schedule.end: must be <= train.steps=50, got 60", tooShort.getMessage());
        RecipeException unknown = assertThrows(RecipeException.class, () -> RecipeLoader.override(r, "tran.steps", 5));
        assertEquals("tran.steps: must name a key of the recipe, got 5", unknown.getMessage());
    }

    @Test
    void diffNamesEveryDifferingFieldAndAllowsWholeSections() {
        Recipe a = RecipeLoader.parse(GOOD, "t");
        Recipe b = RecipeLoader.parse(GOOD.replace("hidden: [32]", "hidden: [64]").replace("end: 60", "end: 70")
                + "checkpoint: {every: 5}\n", "t");
        List<String> fields = RecipeDiff.fields(a, b);
        assertEquals(List.of("checkpoint.dir", "checkpoint.every", "checkpoint.keep", "model.hidden",
                "pruning.schedule.end"), fields);
        assertEquals(List.of(), RecipeDiff.fields(a, RecipeLoader.parse(RecipeLoader.toYaml(a), "x")));
        assertTrue(RecipeDiff.allows(List.of("checkpoint"), "checkpoint.keep"));
        assertFalse(RecipeDiff.allows(List.of("check"), "checkpoint.keep"));
        assertFalse(RecipeDiff.allows(List.of("train.steps"), "train"));
    }

    @Test
    void aWeightPatternThatMatchesNothingIsRejectedAgainstTheGraph() {
        assertEquals("pruning.weights: must match at least one prunable weight (this model has: fc1/W, fc2/W), got 'conv.*'",
                graphError("weights: 'conv.*'"));
    }

    /** The message of the graph check for GOOD with one more pruning key, on a 784-32-10 MLP. */
    private static String graphError(String pruningKey) {
        Recipe r = RecipeLoader.parse(GOOD.replace("method: gmp", "method: gmp\n  " + pruningKey), "t");
        return assertThrows(RecipeException.class,
                () -> GraphChecks.selectedWeights(r.pruning(), Mlp.build(1, 784, List.of(32), 10))).getMessage();
    }
}
