package org.prune4j.schedules;

/** {@code from} until {@code begin}, a straight line to {@code to} at {@code end}, then {@code to}. */
public record LinearSchedule(double from, double to, long begin, long end) implements Schedule {

    public LinearSchedule {
        Checks.finite("from", from);
        Checks.finite("to", to);
        Checks.window(begin, end);
    }

    @Override
    public double valueAt(long step) {
        return Checks.interpolate(from, to, Checks.progress(step, begin, end));
    }
}
