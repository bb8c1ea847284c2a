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
}
