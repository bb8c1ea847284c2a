package org.prune4j.trainer.train;

import java.util.List;
import org.nd4j.autodiff.samediff.SameDiff;
import org.prune4j.schedules.Schedule;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.recipe.TrainSpec;

/**
 * The single-JVM loop. Step t (t updates applied so far) uses the masks due at t, the learning rate of
 * t and the batch of t for one optimizer update. Masks due at t are applied as soon as update t-1 is
 * done, so what is logged after t updates includes them, and an event scheduled exactly at
 * {@code steps} still applies: the target is always reached.
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
        return run(model, train, new LocalEngine(model, Optimizers.updater(train), batches), batches.batchSize(),
                evaluator, pruner, listener);
    }

    /** The loop with any engine: {@code batchSize} is the global batch, for throughput. */
    public static Result run(ModelGraph model, TrainSpec train, StepEngine engine, int batchSize, Evaluator evaluator,
                             Pruner pruner, TrainingListener listener) {
        SameDiff sd = model.graph();
        Schedule learningRate = Optimizers.learningRate(train);
        long started = System.nanoTime();
        long windowStarted = started;
        double windowLoss = 0;
        int windowSteps = 0;
        double lastWindowLoss = Double.NaN;
        int steps = train.steps();
        pruner.pruneIfDue(0, sd);
        for (int step = 0; step < steps; step++) {
            double lr = learningRate.valueAt(step);
            double loss = engine.run(step, learningRate);
            windowLoss += loss;
            windowSteps++;
            int done = step + 1;
            pruner.pruneIfDue(done, sd); // masks due at step `done` apply to the update of step `done`
            listener.onStep(done, steps, loss);
            if (done % train.logEvery() == 0 || done == steps) {
                long now = System.nanoTime();
                double sps = windowSteps * (double) batchSize / ((now - windowStarted) / 1e9);
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
                (double) steps * batchSize / wall);
    }
}
