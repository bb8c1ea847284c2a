package org.prune4j.trainer.train;

import org.prune4j.schedules.Schedule;

/**
 * Runs optimizer updates: in this JVM ({@link LocalEngine}) or data-parallel across Spark workers
 * (spark-jobs). The training loop asks for one step at a time and owns everything else: masks,
 * metrics, evaluation.
 */
public interface StepEngine {

    /**
     * Applies the update of {@code step} to the model and returns its training loss. The learning
     * rate is passed as a schedule because a data-parallel round may run several local steps at once.
     */
    double run(long step, Schedule learningRate);

    /** Makes the engine of a run around the driver's step, which owns the weights and optimizer state. */
    @FunctionalInterface
    interface Factory {

        /** One update per step in this JVM. */
        Factory LOCAL = (step, training) -> new LocalEngine(step, training.batches());

        StepEngine create(TrainStep driverStep, Training training);
    }
}
