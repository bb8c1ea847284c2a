package org.prune4j.schedules;

/**
 * {@code from} until {@code begin}, half a cosine to {@code to} at {@code end}, then {@code to}:
 * {@code to + (from - to) * (1 + cos(pi * p)) / 2} with {@code p = (step - begin) / (end - begin)}.
 * Flat at both ends, so a value annealed this way changes slowly when training starts and when it
 * settles (Loshchilov &amp; Hutter's SGDR shape, Optax {@code cosine_decay_schedule}).
 */
public record CosineSchedule(double from, double to, long begin, long end) implements Schedule {

    public CosineSchedule {
        Checks.finite("from", from);
        Checks.finite("to", to);
        Checks.window(begin, end);
    }

    @Override
    public double valueAt(long step) {
        double p = Checks.progress(step, begin, end);
        return Checks.interpolate(from, to, p == 1 ? 1 : (1 - Math.cos(Math.PI * p)) / 2);
    }
}
