package org.prune4j.trainer.train;

/** Receives what the loop measures, as it happens (a metrics file, a progress bar). */
public interface TrainingListener {

    void onMetrics(StepMetrics metrics);

    void onEvaluation(long step, String metric, double value);

    /** Called after every step, for progress display. */
    default void onStep(long step, long totalSteps, double loss) {
    }

    /** Called after the state of {@code step} was saved to {@code location}. */
    default void onCheckpoint(long step, String location) {
    }
}
