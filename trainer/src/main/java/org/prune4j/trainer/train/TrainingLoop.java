package org.prune4j.trainer.train;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;
import org.prune4j.schedules.Schedule;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.recipe.TrainSpec;

/**
 * The single-JVM loop. Step t (the number of updates applied so far) runs: masks due at t, the
 * learning rate of t, the batch of t, one optimizer update. After the last update, a pruning event
 * scheduled exactly at {@code steps} is still applied, so the target is always reached.
 */
public final class TrainingLoop {

    /** What a finished run measured. */
    public record Result(
            double finalTrainLoss, double finalMetric, List<LayerSparsity> layers, double wallSeconds,
            double samplesPerSecond) {
    }

    private TrainingLoop() {
    }

    public static Result run(ModelGraph model, TrainSpec train, BatchSource batches, Evaluator evaluator,
                             Pruner pruner, TrainingListener listener) {
        SameDiff sd = model.graph();
        IUpdater updater = Optimizers.updater(train);
        Schedule learningRate = Optimizers.learningRate(train);
        sd.setTrainingConfig(TrainingConfig.builder().updater(updater)
                .dataSetFeatureMapping(model.input()).dataSetLabelMapping(model.label()).build());

        long started = System.nanoTime();
        long windowStarted = started;
        double windowLoss = 0;
        int windowSteps = 0;
        double lastWindowLoss = Double.NaN;
        int steps = train.steps();
        for (int step = 0; step < steps; step++) {
            pruner.pruneIfDue(step, sd);
            double lr = learningRate.valueAt(step);
            Optimizers.setLearningRate(updater, lr);
            DataSet batch = batches.batch(step);
            // the first fit builds the gradient graph, which SameDiff announces op by op on stdout
            double loss = step == 0 ? withoutStdout(() -> fit(sd, model, batch)) : fit(sd, model, batch);
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("training diverged: loss is " + loss + " at step " + step
                        + " (learning rate " + lr + ")");
            }
            windowLoss += loss;
            windowSteps++;
            int done = step + 1;
            listener.onStep(done, steps, loss);
            if (done == steps) {
                pruner.pruneIfDue(steps, sd);
            }
            if (done % train.logEvery() == 0 || done == steps) {
                long now = System.nanoTime();
                double sps = windowSteps * (double) batches.batchSize() / ((now - windowStarted) / 1e9);
                List<LayerSparsity> layers = pruner.measure(done, sd);
                lastWindowLoss = windowLoss / windowSteps;
                listener.onMetrics(new StepMetrics(done, lastWindowLoss, lr, pruner.targetAt(done),
                        LayerSparsity.overall(layers), sps, layers));
                windowLoss = 0;
                windowSteps = 0;
                windowStarted = System.nanoTime();
            }
            if (done % train.evalEvery() == 0 && done != steps) {
                listener.onEvaluation(done, evaluator.metric(), evaluator.evaluate(model));
            }
        }
        double wall = (System.nanoTime() - started) / 1e9;
        double metric = evaluator.evaluate(model);
        listener.onEvaluation(steps, evaluator.metric(), metric);
        return new Result(lastWindowLoss, metric, pruner.measure(steps, sd), wall,
                (double) steps * batches.batchSize() / wall);
    }

    private static double fit(SameDiff sd, ModelGraph model, DataSet batch) {
        return sd.fit(batch).lossCurve().lastMeanLoss(model.loss());
    }

    private static <T> T withoutStdout(Supplier<T> work) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return work.get();
        } finally {
            System.setOut(original);
        }
    }
}
