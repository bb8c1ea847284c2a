package org.prune4j.trainer.bench;

import java.util.function.Function;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.train.Pruner;
import org.prune4j.trainer.train.TrainStep;

/**
 * One arm of a step benchmark: a model with its masks in a fixed state (dense, or pruned by a method
 * at its final sparsity), timed one Adam step at a time on a fixed batch.
 */
final class StepArm {

    private final String method;
    private final TrainStep step;
    private final DataSet batch;
    private long count;

    /** The pruner made for the built graph brings its masks to the arm's state once, before timing. */
    StepArm(String method, BenchModel model, Function<ModelGraph, Pruner> pruner, long pruneAtStep) {
        this.method = method;
        ModelGraph graph = model.build().apply(1);
        pruner.apply(graph).pruneIfDue(pruneAtStep, graph.graph());
        this.step = new TrainStep(graph, new Adam(1e-3));
        this.batch = model.syntheticBatch(graph);
    }

    String method() {
        return method;
    }

    /** Milliseconds of each of {@code n} consecutive steps. */
    double[] time(int n) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            step.run(batch, count++, 1e-3);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }
}
