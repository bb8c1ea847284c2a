package org.prune4j.trainer.train;

import org.prune4j.schedules.Schedule;

/** One update per step in this JVM, on the batch of that step. */
public final class LocalEngine implements StepEngine {

    private final TrainStep step;
    private final BatchSource batches;

    public LocalEngine(TrainStep step, BatchSource batches) {
        this.step = step;
        this.batches = batches;
    }

    @Override
    public double run(long t, Schedule learningRate) {
        return step.run(batches.batch(t), t, learningRate.valueAt(t));
    }
}
