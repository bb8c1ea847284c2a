package org.prune4j.spark;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.prune4j.masks.MaskMethod;
import org.prune4j.trainer.data.DataStore;
import org.prune4j.trainer.recipe.Recipe;
import org.prune4j.trainer.recipe.RecipeLoader;
import org.prune4j.trainer.run.PreparedRun;
import org.prune4j.trainer.train.TrainStep;

/**
 * One data-parallel worker inside an executor JVM: its own copy of the model graph, built once and
 * reused every round, and its slice of every global batch (rows {@code w*B/W .. (w+1)*B/W} of the
 * batch of each step, so the workers together see exactly the single-JVM batch).
 */
final class Worker {

    /** Graphs are expensive to build and not thread-safe: one per (run, partition) per executor JVM. */
    private static final Map<String, Worker> CACHE = new ConcurrentHashMap<>();

    private final PreparedRun run;
    private final TrainStep step;
    private final int index;
    private final int workers;

    private Worker(PreparedRun run, int index, int workers) {
        this.run = run;
        this.step = TrainStep.of(run.model(), run.recipe().train(), run.pruner());
        this.index = index;
        this.workers = workers;
    }

    /** The cached worker of this partition for the run, built on first use. */
    static Worker get(RunBlueprint blueprint, int index) {
        return CACHE.computeIfAbsent(blueprint.recipeSha256() + "#" + index, key -> {
            Recipe recipe = RecipeLoader.parse(blueprint.recipeYaml(), "worker");
            PreparedRun run = PreparedRun.prepare(recipe, new DataStore(DataStore.defaultCacheDir()),
                    Path.of(blueprint.dataDir()), false, line -> { });
            return new Worker(run, index, blueprint.workers());
        });
    }

    /** Runs this worker's share of a round and returns it weighted for summation. */
    WorkerResult run(RoundState state) {
        SameDiff sd = run.model().graph();
        state.arrays.forEach((name, value) -> sd.getArrForVarName(name).assign(value));
        state.packed.forEach((name, value) -> {
            value.valuesInto(sd.getArrForVarName(name));
            value.maskInto(sd.getArrForVarName(MaskMethod.hardMaskName(name)));
        });
        MaskDigests.check(sd, state.maskDigests, index);
        boolean localSgd = state.optimizerState != null;
        if (localSgd) {
            Map<String, INDArray> live = step.optimizerState();
            state.optimizerState.forEach((name, value) -> live.get(name).assign(value));
            state.packedOptimizerState.forEach((name, value) -> value.valuesInto(live.get(name)));
        }
        double[] losses = new double[state.steps()];
        long examples = 0;
        Map<String, INDArray> sums = new HashMap<>();
        Map<String, PackedArray> packedSums = new HashMap<>();
        long computeNanos = 0;
        for (int i = 0; i < state.steps(); i++) {
            long t = state.firstStep + i;
            long started = System.nanoTime(); // compute: the step with its batch, not the exchange around it
            DataSet shard = shard(run.batches().batch(t));
            long n = shard.numExamples();
            examples += n;
            if (localSgd) {
                losses[i] = n * step.run(shard, t, state.learningRates[i]);
                computeNanos += System.nanoTime() - started;
            } else {
                TrainStep.Gradients g = step.compute(shard, t, state.learningRates[i]);
                computeNanos += System.nanoTime() - started;
                losses[i] = n * g.loss();
                g.byParameter().forEach((name, grad) -> {
                    if (state.packed.containsKey(name)) { // at the state's bitmask, the mask just checked
                        packedSums.merge(name, state.packed.get(name).packAlike(grad, n), PackedArray::addKept);
                    } else {
                        sums.merge(name, grad.mul(n), INDArray::addi);
                    }
                });
            }
        }
        if (localSgd) {
            long perStep = examples / state.steps();
            for (String p : step.parameters()) {
                INDArray value = sd.getArrForVarName(p);
                if (state.packed.containsKey(p)) { // the state's bitmask: the weight's moments share it too
                    packedSums.put(p, state.packed.get(p).packAlike(value, perStep));
                } else {
                    sums.put(p, value.mul(perStep));
                }
            }
            step.optimizerState().forEach((name, value) -> {
                PackedArray packed = state.packedOptimizerState.get(name);
                if (packed != null) {
                    packedSums.put(name, packed.packAlike(value, perStep));
                } else {
                    sums.put(name, value.mul(perStep));
                }
            });
            return new WorkerResult(sums, packedSums, losses, perStep, computeNanos);
        }
        return new WorkerResult(sums, packedSums, losses, examples, computeNanos);
    }

    private DataSet shard(DataSet global) {
        long b = global.numExamples();
        long from = b * index / workers;
        long to = b * (index + 1) / workers;
        return new DataSet(rows(global.getFeatures(), from, to), rows(global.getLabels(), from, to));
    }

    private static INDArray rows(INDArray a, long from, long to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
    }
}
