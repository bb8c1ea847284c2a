package org.prune4j.trainer.train;

import java.util.List;
import org.nd4j.autodiff.samediff.SameDiff;
import org.prune4j.checkpoints.TrainingState;
import org.prune4j.schedules.Schedule;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.recipe.TrainSpec;

/**
 * The single-JVM loop. Step t (t updates applied so far) uses the masks due at t, the learning rate of
 * t and the batch of t for one optimizer update. Masks due at t are applied as soon as update t-1 is
 * done, so what is logged after t updates includes them, and an event scheduled exactly at
 * {@code steps} still applies: the target is always reached.
 *
 * <p>After step t the loop emits, in order: the metrics row (when due), the evaluation (when due), the
 * checkpoint (when due). A resume from the checkpoint of step t therefore continues with step t+1
 * exactly as the uninterrupted run would have: the masks due at t are in the checkpoint, every schedule
 * is a function of the step, and the batches are a function of (seed, step).
 */
public final class TrainingLoop {

    /**
     * What a run measured, and the state it ended in.
     *
     * @param wallSeconds      time of this run (since the resume, for a resumed one)
     * @param samplesPerSecond training examples per second of this run
     * @param finalState       the state after the last step, for the run's final checkpoint
     */
    public record Result(
            double finalTrainLoss, double finalMetric, List<LayerSparsity> layers, double wallSeconds,
            double samplesPerSecond, LoopState finalState) {
    }

    private TrainingLoop() {
    }

    /** Trains from the initial weights in this JVM. */
    public static Result run(Training t, TrainingListener listener, Checkpointer checkpointer) {
        return run(t, StepEngine.Factory.LOCAL, listener, checkpointer);
    }

    /** Continues from a checkpoint in this JVM. */
    public static Result resume(Training t, TrainingState from, TrainingListener listener, Checkpointer checkpointer) {
        return resume(t, from, StepEngine.Factory.LOCAL, listener, checkpointer);
    }

    /**
     * Trains from the initial weights: applies the masks due at step 0, then runs every step, each on an
     * engine the factory makes (in this JVM, or data-parallel on Spark).
     */
    public static Result run(Training t, StepEngine.Factory engines, TrainingListener listener,
                             Checkpointer checkpointer) {
        TrainStep step = TrainStep.of(t.model(), t.train(), t.pruner());
        t.pruner().pruneIfDue(0, t.model().graph());
        return loop(t, step, engines.create(step, t), 0, listener, checkpointer);
    }

    /**
     * Continues from a checkpoint: restores every array it holds (weights, masks, optimizer state), checks
     * that the data stands where it stood, and runs the steps after it.
     *
     * @throws StateMismatchException when the checkpoint does not fit this model, optimizer or data
     */
    public static Result resume(Training t, TrainingState from, StepEngine.Factory engines, TrainingListener listener,
                                Checkpointer checkpointer) {
        checkPosition(t, from);
        TrainStep trainStep = TrainStep.of(t.model(), t.train(), t.pruner());
        TrainingStates.restore(from.arrays(), t.model().graph(), trainStep.updater(), t.pruner());
        return loop(t, trainStep, engines.create(trainStep, t), from.step(), listener, checkpointer);
    }

    /**
     * Checks, changing nothing, what {@link #resume} would: so that a caller can refuse a checkpoint
     * before it writes anything.
     *
     * @throws StateMismatchException when the checkpoint does not fit this model, optimizer or data
     */
    public static void checkResumable(Training t, TrainingState from) {
        checkPosition(t, from);
        TrainingStates.check(from.arrays(), t.model().graph(), TrainStep.of(t.model(), t.train(), t.pruner()).updater());
    }

    /** Steps must be left, and the data must stand at the checkpoint's step where it stood then. */
    private static void checkPosition(Training t, TrainingState from) {
        long step = from.step();
        if (step >= t.train().steps()) {
            throw new IllegalArgumentException("a resume needs steps left: the checkpoint is at step " + step
                    + " and train.steps is " + t.train().steps());
        }
        t.batches().cursor(step).scalars().forEach((name, value) -> {
            if (!value.equals(from.scalars().get(name))) {
                throw new StateMismatchException("the data does not match the checkpoint's: at step " + step + " "
                        + name + " is " + value + " here and " + from.scalars().get(name) + " in the checkpoint "
                        + "(other training data, or another batch size?)");
            }
        });
    }

    private static Result loop(Training t, TrainStep trainStep, StepEngine engine, long first,
                               TrainingListener listener, Checkpointer checkpointer) {
        ParameterUpdater updater = trainStep.updater();
        ModelGraph model = t.model();
        SameDiff sd = model.graph();
        TrainSpec train = t.train();
        Pruner pruner = t.pruner();
        BatchSource batches = t.batches();
        Schedule learningRate = Optimizers.learningRate(train);
        long started = System.nanoTime();
        long windowStarted = started;
        double windowLoss = 0;
        int windowSteps = 0;
        double lastWindowLoss = Double.NaN;
        int steps = train.steps();
        for (long step = first; step < steps; step++) {
            double lr = learningRate.valueAt(step);
            double loss = engine.run(step, learningRate);
            windowLoss += loss;
            windowSteps++;
            long done = step + 1;
            pruner.pruneIfDue(done, sd); // masks due at step `done` apply to the update of step `done`
            listener.onStep(done, steps, loss);
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
                listener.onEvaluation(done, t.evaluator().metric(), t.evaluator().evaluate(model));
            }
            if (done != steps && checkpointer.isDue(done)) {
                listener.onCheckpoint(done, checkpointer.save(state(done, sd, updater, pruner, batches)));
            }
        }
        double wall = (System.nanoTime() - started) / 1e9;
        double metric = t.evaluator().evaluate(model);
        listener.onEvaluation(steps, t.evaluator().metric(), metric);
        return new Result(lastWindowLoss, metric, pruner.measure(steps, sd), wall,
                (steps - first) * (double) batches.batchSize() / wall, state(steps, sd, updater, pruner, batches));
    }

    private static LoopState state(long step, SameDiff sd, ParameterUpdater updater, Pruner pruner,
                                   BatchSource batches) {
        return new LoopState(step, TrainingStates.capture(sd, updater, pruner), batches.cursor(step).scalars());
    }
}
