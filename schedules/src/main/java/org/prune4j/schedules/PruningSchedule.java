package org.prune4j.schedules;

import java.util.stream.LongStream;

/**
 * A target sparsity whose masks change only at discrete pruning events.
 *
 * <p>Order of use: after each optimizer update the trainer asks {@link #isPruningStep}; at an event
 * it recomputes the masks for {@link #valueAt} of that step, or sets them all to one when
 * {@link #masksReleased} says the sparse phase is over. Between two events {@link #valueAt} is
 * constant, so the target logged at any step is the one the masks were last computed for.
 */
public interface PruningSchedule extends Schedule {

    /** True at the steps where masks are recomputed (or released). */
    boolean isPruningStep(long step);

    /** Every pruning event in increasing order; a finite stream, the same on every call. */
    LongStream events();

    /**
     * True from the step on which the masks are set back to one and the pruned weights train again
     * (dense fine-tuning after sparse pre-training, SPDF); false for schedules that stay sparse.
     */
    default boolean masksReleased(long step) {
        return false;
    }
}
