package org.prune4j.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.checkpoints.CheckpointStore;
import org.prune4j.checkpoints.Provenance;
import org.prune4j.checkpoints.TrainingState;
import org.prune4j.masks.MagnitudeMasks;
import org.prune4j.trainer.data.ImageData;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.recipe.GraphChecks;
import org.prune4j.trainer.recipe.Recipe;
import org.prune4j.trainer.recipe.RecipeLoader;
import org.prune4j.trainer.train.AccuracyEvaluator;
import org.prune4j.trainer.train.Checkpointer;
import org.prune4j.trainer.train.ImageBatches;
import org.prune4j.trainer.train.LoopState;
import org.prune4j.trainer.train.PruningSetup;
import org.prune4j.trainer.train.StateMismatchException;
import org.prune4j.trainer.train.StepMetrics;
import org.prune4j.trainer.train.TrainingListener;
import org.prune4j.trainer.train.TrainingLoop;

/**
 * Stop and restart changes nothing: 2N steps in one go and N steps, a stop, a resume from the
 * checkpoint on disk and N more steps end in the same weights, masks and optimizer state, bit for bit.
 * GMP prunes at steps 10, 20, ..., 50, on both sides of the stop at N = 30. Single-threaded ND4J on
 * the CPU (OMP_NUM_THREADS=1, as surefire runs) is deterministic, which is what makes bitwise equality
 * the right test.
 */
class ExactResumeTest {

    private static final int N = 30;
    private static final String RECIPE = """
            name: exact
            seed: 11
            model: {type: mlp, hidden: [32, 16]}
            data: {dataset: mnist}
            train: {steps: 60, batchSize: 16, optimizer: OPTIMIZER, learningRate: 0.01, evalEvery: 20, logEvery: 10}
            pruning:
              method: gmp
              targetSparsity: 0.8
              scope: SCOPE
              schedule: {begin: 10, end: 50, frequency: 10}
            checkpoint: {every: 30, keep: 2}
            """;
    private static final ImageData TRAIN = images(320, 1);
    private static final ImageData TEST = images(64, 2);
    private static final Provenance PROVENANCE = new Provenance("test", "unknown", "17", "nd4j", "host", "os", 2,
            "2026-01-01T00:00:00Z");
    private static final TrainingListener QUIET = new TrainingListener() {
        @Override
        public void onMetrics(StepMetrics metrics) {
        }

        @Override
        public void onEvaluation(long step, String metric, double value) {
        }
    };

    @TempDir
    Path tmp;

    /** Thrown by the checkpointer right after it saved step N: the run stops as if killed there. */
    private static final class Stop extends RuntimeException {
    }

    @ParameterizedTest(name = "{0}, {1} scope")
    @CsvSource({"adam, layer", "sgd, global"})
    void stopAndResumeEndsInTheSameWeightsMasksAndOptimizerState(String optimizer, String scope) throws Exception {
        Recipe recipe = RecipeLoader.parse(RECIPE.replace("OPTIMIZER", optimizer).replace("SCOPE", scope), "exact");

        PreparedRun oneGo = prepare(recipe);
        LoopState uninterrupted = TrainingLoop.run(oneGo.training(), QUIET,
                RunCheckpoints.of(recipe, tmp.resolve("one-go"), PROVENANCE, w -> { })).finalState();

        PreparedRun stopped = prepare(recipe);
        Checkpointer saveThenStop = stopAfterSaving(RunCheckpoints.of(recipe, tmp.resolve("stopped"), PROVENANCE,
                w -> { }));
        assertThrows(Stop.class, () -> TrainingLoop.run(stopped.training(), QUIET, saveThenStop));
        TrainingState checkpoint = store(recipe, "stopped").latest().orElseThrow();
        assertEquals(N, checkpoint.step());
        double sparsityAtStop = maskSparsity(checkpoint.arrays());
        assertTrue(sparsityAtStop > 0 && sparsityAtStop < 0.8, "pruned before the stop, more to come after it: "
                + sparsityAtStop);

        PreparedRun resumed = prepare(recipe);
        LoopState afterResume = TrainingLoop.resume(resumed.training(), checkpoint, QUIET,
                RunCheckpoints.of(recipe, tmp.resolve("stopped"), PROVENANCE, w -> { })).finalState();

        assertEquals(uninterrupted.scalars(), afterResume.scalars(), "data cursor");
        Map<String, Double> diffs = maxAbsDifferences(uninterrupted.arrays(), afterResume.arrays());
        System.out.println(optimizer + "/" + scope + ": max |difference| per array after " + 2 * N + " steps: " + diffs);
        assertTrue(diffs.keySet().containsAll(List.of("graph/fc1/W", "graph/fc1/W_mask", "graph/fc3/b",
                "optimizer/fc1/W/V")), diffs.keySet().toString());
        diffs.forEach((name, d) -> assertEquals(0.0, d, 0.0, name + " differs after the resume"));
        assertEquals(0.8, maskSparsity(afterResume.arrays()), 1e-4, "pruned after it");
    }

    /** The soft methods: a PDP and a MaskLLM run stopped in the middle of their soft phase. */
    private static final String SOFT = """
            name: exact-soft
            seed: 5
            model: {type: mlp, hidden: [32, 16]}
            data: {dataset: mnist}
            train: {steps: 60, batchSize: 16, optimizer: adam, learningRate: 0.01, evalEvery: 20, logEvery: 10}
            pruning:
              METHOD
            checkpoint: {every: 30, keep: 2}
            distributed: {master: none}
            """;

    /**
     * PDP fixes its layer budgets at step 10 from one global sort and recomputes its soft masks before
     * every step up to the freeze at 50; MaskLLM initialises its logits from the magnitude prior at 10,
     * draws fresh noise every step and hardens at 50. A stop at 30 falls inside both soft phases.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "pdp global | method: pdp\\n  targetSparsity: 0.8\\n  scope: global\\n  schedule: {begin: 10, end: 40, "
                    + "frequency: 1, power: 1}\\n  pdp: {freezeAt: 50}",
            "pdp 2:4    | method: pdp\\n  nm: {n: 2, m: 4}\\n  schedule: {begin: 10, end: 40, frequency: 1, power: 1}",
            "maskllm    | method: maskllm\\n  nm: {n: 2, m: 4}\\n  schedule: {begin: 10, end: 50, frequency: 1}\\n  "
                    + "maskllm: {kappa: {from: 10, to: 100}, initStd: 0.2, freezeWeights: false}"})
    void softMethodsResumeBitForBit(String kind, String method) throws Exception {
        Recipe recipe = RecipeLoader.parse(SOFT.replace("METHOD", method.replace("\\n", "\n")), "exact-soft");
        LoopState uninterrupted = TrainingLoop.run(prepare(recipe).training(), QUIET, Checkpointer.NONE)
                .finalState();
        PreparedRun stopped = prepare(recipe);
        assertThrows(Stop.class, () -> TrainingLoop.run(stopped.training(), QUIET, stopAfterSaving(
                RunCheckpoints.of(recipe, tmp.resolve("soft"), PROVENANCE, w -> { }))));
        TrainingState checkpoint = store(recipe, "soft").latest().orElseThrow();
        assertTrue(checkpoint.arrays().keySet().stream().anyMatch(n -> n.startsWith("pruner/")),
                "the pruner's host state is in the checkpoint: " + checkpoint.arrays().keySet());

        LoopState afterResume = TrainingLoop.resume(prepare(recipe).training(), checkpoint, QUIET, Checkpointer.NONE)
                .finalState();
        Map<String, Double> diffs = maxAbsDifferences(uninterrupted.arrays(), afterResume.arrays());
        System.out.println(kind + ": max |difference| over " + diffs.size() + " arrays after " + 2 * N + " steps: "
                + diffs.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        diffs.forEach((name, d) -> assertEquals(0.0, d, 0.0, name + " differs after the resume"));

        Map<String, INDArray> withoutPrunerState = new TreeMap<>(checkpoint.arrays());
        withoutPrunerState.keySet().removeIf(n -> n.startsWith("pruner/"));
        TrainingState old = new TrainingState(N, withoutPrunerState, checkpoint.scalars(), checkpoint.recipeYaml(),
                checkpoint.provenance());
        StateMismatchException e = assertThrows(StateMismatchException.class,
                () -> TrainingLoop.resume(prepare(recipe).training(), old, QUIET, Checkpointer.NONE));
        assertTrue(e.getMessage().contains("could resume"), e.getMessage());
    }

    /** The comparison above can fail: resuming without the optimizer state, or with fresh masks, ends elsewhere. */
    @ParameterizedTest(name = "without {0}")
    @CsvSource({"optimizer/, optimizer state", "graph/fc1/W_mask, masks"})
    void aResumeMissingAnyOfTheStateEndsElsewhere(String prefix, String what) throws Exception {
        Recipe recipe = RecipeLoader.parse(RECIPE.replace("OPTIMIZER", "adam").replace("SCOPE", "layer"), "exact");
        LoopState uninterrupted = TrainingLoop.run(prepare(recipe).training(), QUIET, Checkpointer.NONE).finalState();
        PreparedRun stopped = prepare(recipe);
        assertThrows(Stop.class, () -> TrainingLoop.run(stopped.training(), QUIET, stopAfterSaving(
                RunCheckpoints.of(recipe, tmp.resolve("partial"), PROVENANCE, w -> { }))));
        TrainingState checkpoint = store(recipe, "partial").latest().orElseThrow();
        Map<String, INDArray> damaged = new TreeMap<>(checkpoint.arrays());
        damaged.replaceAll((name, a) -> name.startsWith(prefix) ? (prefix.startsWith("optimizer")
                ? a.mul(0) : a.mul(0).add(1)) : a);
        TrainingState partial = new TrainingState(N, damaged, checkpoint.scalars(), checkpoint.recipeYaml(),
                checkpoint.provenance());
        LoopState afterResume = TrainingLoop.resume(prepare(recipe).training(), partial, QUIET, Checkpointer.NONE)
                .finalState();
        double worst = maxAbsDifferences(uninterrupted.arrays(), afterResume.arrays()).get("graph/fc2/W");
        assertTrue(worst > 0, "a resume without the " + what + " must not match, got max |difference| " + worst);
    }

    /** Zeros over entries across every mask. */
    private static double maskSparsity(Map<String, INDArray> arrays) {
        long zeros = 0;
        long size = 0;
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            if (e.getKey().endsWith("_mask")) {
                zeros += MagnitudeMasks.zeros(e.getValue());
                size += e.getValue().length();
            }
        }
        return (double) zeros / size;
    }

    private static Checkpointer stopAfterSaving(Checkpointer delegate) {
        return new Checkpointer() {
            @Override
            public boolean isDue(long step) {
                return delegate.isDue(step);
            }

            @Override
            public String save(LoopState state) {
                delegate.save(state);
                throw new Stop();
            }
        };
    }

    private CheckpointStore store(Recipe recipe, String run) {
        return RunCheckpoints.store(recipe, tmp.resolve(run), w -> {
            throw new AssertionError(w);
        });
    }

    private static PreparedRun prepare(Recipe recipe) {
        PruningSetup setup = PruningSetup.of(recipe.pruning(), recipe.seed());
        ModelGraph model = Models.build(recipe.model(), recipe.seed(), setup.masking());
        setup.lossTerms().forEach(model.graph()::addLossVariable);
        var pruned = GraphChecks.selectedWeights(recipe.pruning(), model);
        return new PreparedRun(recipe, model, pruned, new ImageBatches(TRAIN, recipe.train().batchSize(),
                recipe.seed(), Models.CLASSES), new AccuracyEvaluator(TEST, Models.CLASSES),
                setup.pruner(pruned, recipe.train().steps(), recipe.train().learningRate(), null), "synthetic");
    }

    private static Map<String, Double> maxAbsDifferences(Map<String, INDArray> a, Map<String, INDArray> b) {
        assertEquals(new TreeMap<>(a).keySet(), new TreeMap<>(b).keySet(), "the same arrays");
        Map<String, Double> diffs = new TreeMap<>();
        a.forEach((name, x) -> diffs.put(name, x.castTo(DataType.DOUBLE).sub(b.get(name).castTo(DataType.DOUBLE))
                .amaxNumber().doubleValue()));
        return diffs;
    }

    /** Random pixels with a class-dependent bright band: learnable in a few dozen steps. */
    private static ImageData images(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
            for (int p = 0; p < 784; p++) {
                boolean band = p / 28 / 3 == i % 10;
                pixels[i * 784 + p] = (byte) (band ? 160 + rng.nextInt(96) : rng.nextInt(96));
            }
        }
        return new ImageData(pixels, labels, n, 28, 28);
    }
}
