package org.prune4j.schedules;

/**
 * {@code from} until {@code begin}, then a constant ratio per step to {@code to} at {@code end}, then
 * {@code to}: {@code from * (to / from)^p} with {@code p = (step - begin) / (end - begin)}.
 *
 * <p>For values that span orders of magnitude, such as a Gumbel-softmax temperature annealed from 4
 * to 0.05 or a logit scale raised from 10 to 100 (reference/algorithms.md §4, §8 E2): a straight line
 * would spend almost all of the ramp near the larger end. Both ends must be positive.
 */
public record ExponentialSchedule(double from, double to, long begin, long end) implements Schedule {

    public ExponentialSchedule {
        Checks.positive("from", from);
        Checks.positive("to", to);
        Checks.window(begin, end);
    }

    @Override
    public double valueAt(long step) {
        double p = Checks.progress(step, begin, end);
        if (p == 1) {
            return to;
        }
        return from * Math.pow(to / from, p);
    }
}
