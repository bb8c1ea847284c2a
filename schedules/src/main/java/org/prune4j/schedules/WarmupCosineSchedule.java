package org.prune4j.schedules;

/**
 * Linear warm-up from 0 to {@code peak} over {@code warmupSteps}, then a half cosine from
 * {@code peak} down to {@code floor} at {@code totalSteps}, then {@code floor}. The usual
 * learning-rate schedule of nanoGPT-style training.
 */
public record WarmupCosineSchedule(double peak, double floor, long warmupSteps, long totalSteps)
        implements Schedule {

    public WarmupCosineSchedule {
        Checks.positive("peak", peak);
        Checks.finite("floor", floor);
        if (floor < 0 || floor > peak) {
            throw new IllegalArgumentException("floor must be in [0, peak=" + peak + "], got " + floor);
        }
        Checks.nonNegative("warmupSteps", warmupSteps);
        Checks.before("warmupSteps", warmupSteps, "totalSteps", totalSteps);
    }

    @Override
    public double valueAt(long step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        double p = Checks.progress(step, warmupSteps, totalSteps);
        return floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * p));
    }
}
