package org.prune4j.schedules.compute;

import java.util.PrimitiveIterator;
import org.prune4j.schedules.PruningSchedule;

/**
 * The compute the pruned weights use before a step, in dense steps: {@code C(t) = sum over tau < t of
 * (1 - s(tau))} (reference/algorithms.md §2.3). It is summed segment by segment between pruning
 * events, where the sparsity is constant, so it costs one term per event rather than one per step.
 */
public final class ComputeCurve {

    private ComputeCurve() {
    }

    /** {@code C(step)}: the dense-equivalent steps spent before {@code step}. */
    public static double before(PruningSchedule schedule, long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        double total = 0;
        long from = 0;
        for (PrimitiveIterator.OfLong events = schedule.events().iterator(); events.hasNext(); ) {
            long event = events.next();
            if (event >= step) {
                break;
            }
            total += (event - from) * (1 - schedule.valueAt(from));
            from = event;
        }
        return total + (step - from) * (1 - schedule.valueAt(from));
    }
}
