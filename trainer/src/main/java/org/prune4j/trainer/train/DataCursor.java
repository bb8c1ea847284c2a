package org.prune4j.trainer.train;

import java.util.Map;

/**
 * Where in the training data a run stands after some steps: the epoch and how many examples of it
 * have been used. Batches are a pure function of (seed, step), so the cursor follows from the step;
 * a checkpoint records it anyway, so that resuming on other data (a different file, another
 * example count) is caught instead of silently training on different batches.
 *
 * @param epoch    passes completed over the training examples (0 for text, which is one endless stream)
 * @param position examples of the current epoch already used
 */
public record DataCursor(long epoch, long position) {

    public DataCursor {
        if (epoch < 0 || position < 0) {
            throw new IllegalArgumentException("epoch and position must be >= 0, got " + epoch + ", " + position);
        }
    }

    /** As checkpoint scalars: {@code data.epoch}, {@code data.position}. */
    public Map<String, Long> scalars() {
        return Map.of("data.epoch", epoch, "data.position", position);
    }
}
