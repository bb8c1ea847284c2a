package org.prune4j.schedules;

/**
 * A value that changes over training, as a pure function of the global optimizer step.
 *
 * <p>Implementations are immutable and validate their arguments in the constructor. The step is
 * the number of optimizer updates applied so far (0 before the first update).
 */
@FunctionalInterface
public interface Schedule {

    /** The value in effect at {@code step} (step &gt;= 0). */
    double valueAt(long step);
}
