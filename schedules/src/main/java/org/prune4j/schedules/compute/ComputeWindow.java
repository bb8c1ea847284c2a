package org.prune4j.schedules.compute;

import java.util.function.BiFunction;
import org.prune4j.schedules.PruningSchedule;

/**
 * A pruning window placed in compute rather than in steps, and the shares of compute it really spends.
 *
 * <p>"The Journey Matters" starts pruning at 25% and stops at 75% of the training compute; as the model
 * gets sparser each step costs less, so at 80% sparsity that is about 10% and 50% of the steps
 * (reference/algorithms.md §2.3). {@link #solve} finds those steps for any schedule.
 *
 * @param begin      the first pruning event
 * @param end        the last pruning event
 * @param beginShare {@code C(begin) / C(steps)}: the share of compute spent before pruning starts
 * @param endShare   {@code C(end) / C(steps)}: the share spent before the target is reached
 */
public record ComputeWindow(long begin, long end, double beginShare, double endShare) {

    public ComputeWindow {
        if (begin < 0 || end <= begin) {
            throw new IllegalArgumentException("begin and end must satisfy 0 <= begin < end, got begin=" + begin
                    + " and end=" + end);
        }
    }

    /**
     * Grid-searches {@code (begin, end)} over multiples of {@code grid} in {@code [0, steps]} for the
     * pair minimising {@code |C(begin)/C(steps) - beginShare| + |C(end)/C(steps) - endShare|}, the
     * search of reference/algorithms.md §2.3; ties go to the earliest window.
     *
     * <p>The schedule of a window must depend on {@code begin} only through {@code step - begin}, as
     * every ramp here does: then one probe per window length gives the density before the window, the
     * compute inside it and the density after it, and every {@code begin} follows in O(1). That makes
     * the search quadratic in {@code steps / grid} rather than cubic.
     *
     * @param schedule the schedule a window {@code (begin, end)} gives, e.g. a geometric one to the
     *                 recipe's target with the recipe's frequency
     */
    public static ComputeWindow solve(double beginShare, double endShare, long steps, long grid,
                                      BiFunction<Long, Long, PruningSchedule> schedule) {
        if (!(beginShare >= 0 && beginShare < endShare && endShare <= 1)) {
            throw new IllegalArgumentException("shares must satisfy 0 <= beginShare < endShare <= 1, got beginShare="
                    + beginShare + " and endShare=" + endShare);
        }
        if (grid < 1 || grid > steps) {
            throw new IllegalArgumentException("grid must be in [1, steps=" + steps + "], got " + grid);
        }
        ComputeWindow best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (long length = grid; length <= steps; length += grid) {
            PruningSchedule probe = schedule.apply(grid, grid + length); // one grid step in, to see the density before
            double before = 1 - probe.valueAt(0);
            double inside = ComputeCurve.before(probe, grid + length) - ComputeCurve.before(probe, grid);
            double after = 1 - probe.valueAt(grid + length);
            for (long begin = 0; begin + length <= steps; begin += grid) {
                double atBegin = begin * before;
                double atEnd = atBegin + inside;
                double total = atEnd + (steps - begin - length) * after;
                double error = Math.abs(atBegin / total - beginShare) + Math.abs(atEnd / total - endShare);
                if (error < bestError || error == bestError && begin < best.begin()) {
                    bestError = error;
                    best = new ComputeWindow(begin, begin + length, atBegin / total, atEnd / total);
                }
            }
        }
        return best;
    }
}
