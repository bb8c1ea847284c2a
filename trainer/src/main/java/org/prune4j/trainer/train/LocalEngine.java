package org.prune4j.trainer.train;

import org.nd4j.linalg.learning.config.IUpdater;
import org.prune4j.schedules.Schedule;
import org.prune4j.trainer.model.ModelGraph;

/** One update per step in this JVM, on the batch of that step. */
public final class LocalEngine implements StepEngine {

    private final TrainStep step;
    private final BatchSource batches;

    public LocalEngine(ModelGraph model, IUpdater optimizer, BatchSource batches) {
        this.step = new TrainStep(model, optimizer);
        this.batches = batches;
    }

    @Override
    public double run(long t, Schedule learningRate) {
        return step.run(batches.batch(t), t, learningRate.valueAt(t));
    }
}
