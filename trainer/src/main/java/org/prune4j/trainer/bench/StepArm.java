package org.prune4j.trainer.bench;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.prune4j.trainer.model.Masking;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.recipe.GraphChecks;
import org.prune4j.trainer.recipe.PruningSpec;
import org.prune4j.trainer.train.Pruner;
import org.prune4j.trainer.train.PruningSetup;
import org.prune4j.trainer.train.TrainStep;

/**
 * One arm of a step benchmark: a model with its masks in a fixed state (dense, or pruned by a method
 * at its final sparsity), timed one Adam step at a time on a fixed batch.
 */
final class StepArm {

    /** One training step of the arm. */
    @FunctionalInterface
    interface Stepper {
        void step(DataSet batch, long step);
    }

    private final Stepper stepper;
    private final DataSet batch;
    private long count;

    private StepArm(Stepper stepper, DataSet batch) {
        this.stepper = stepper;
        this.batch = batch;
    }

    /**
     * prune4j's step as the training loop runs it: the update ({@link TrainStep}: loss and gradients in
     * one pass, then the updater) on the graph built with {@code pruning}'s mask method, then the
     * pruner's work before the next step, at {@code pruneAtStep + 1} and on: nothing for a hard mask
     * whose ramp is over (GMP), the host-side soft-mask pass of PDP, MaskLLM's noise and schedules. The
     * pruner brings the masks to the arm's state at {@code pruneAtStep}, before timing.
     */
    static StepArm prune4j(BenchModel model, PruningSpec pruning, long pruneAtStep) {
        PruningSetup setup = PruningSetup.of(pruning, 1);
        ModelGraph graph = model.build().build(1, setup.masking());
        SameDiff sd = graph.graph();
        setup.lossTerms().forEach(sd::addLossVariable);
        // a run that never ends: PDP's soft phase lasts (its hard masks would freeze at the last step)
        Pruner pruner = setup.pruner(GraphChecks.selectedWeights(pruning, graph), Long.MAX_VALUE, 1e-3, null);
        pruner.pruneIfDue(pruneAtStep, sd);
        TrainStep step = new TrainStep(graph, new Adam(1e-3), pruner, null);
        // past the event, one step further each time, as in training: GMP does nothing, PDP and MaskLLM their
        // per-step work (MaskLLM draws the next step's noise while the graph computes)
        return new StepArm((batch, t) -> {
            step.run(batch, t, 1e-3);
            pruner.pruneIfDue(pruneAtStep + 1 + t, sd);
        }, model.syntheticBatch(graph));
    }

    /** SameDiff's own training loop, {@code sd.fit(DataSet)} with Adam: the path prune4j replaced. */
    static StepArm sameDiffFit(BenchModel model) {
        ModelGraph graph = model.build().build(1, Masking.none());
        SameDiff sd = graph.graph();
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(1e-3)).minimize(graph.loss())
                .dataSetFeatureMapping(graph.input()).dataSetLabelMapping(graph.label()).build());
        return new StepArm((batch, t) -> sd.fit(batch), model.syntheticBatch(graph));
    }

    /** Milliseconds of each of {@code n} consecutive steps. */
    double[] time(int n) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            stepper.step(batch, count++);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }
}
