package org.prune4j.trainer.train;

import org.nd4j.linalg.dataset.DataSet;

/** The training batch of a step: a pure function of (seed, step), so a resumed or retried step sees the same data. */
public interface BatchSource {

    DataSet batch(long step);

    /** Where the data stands after {@code step} batches. */
    DataCursor cursor(long step);

    /** Examples per batch. */
    int batchSize();
}
