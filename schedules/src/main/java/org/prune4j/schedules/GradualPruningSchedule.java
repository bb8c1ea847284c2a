package org.prune4j.schedules;

import java.util.stream.LongStream;

/**
 * The gradual pruning schedule of Zhu &amp; Gupta (arXiv 1710.01878), as TF-MOT's
 * {@code PolynomialDecay}: {@code s = s_f + (s_i - s_f) * (1 - p)^power} with
 * {@code p = (t - begin) / (end - begin)}.
 *
 * <p>Masks change only at pruning events: {@code begin, begin + frequency, ...} and always at
 * {@code end} itself, so the final sparsity is reached exactly at {@code end} even when the ramp is
 * not a multiple of the frequency (TF-MOT would stop one event short; Distiller's AGP is off by one
 * the other way). Between events the sparsity of the latest event holds; before {@code begin} it
 * is {@code initialSparsity}, after {@code end} it is {@code finalSparsity}.
 */
public record GradualPruningSchedule(
        double initialSparsity, double finalSparsity, long begin, long end, long frequency, double power)
        implements PruningSchedule {

    /** Zhu &amp; Gupta's cubic. */
    public static final double CUBIC = 3.0;

    public GradualPruningSchedule {
        Checks.inUnitInterval("initialSparsity", initialSparsity);
        Checks.inUnitInterval("finalSparsity", finalSparsity);
        if (initialSparsity > finalSparsity) {
            throw new IllegalArgumentException("initialSparsity must be <= finalSparsity, got "
                    + initialSparsity + " > " + finalSparsity);
        }
        Checks.window(begin, end);
        Checks.atLeastOne("frequency", frequency);
        if (frequency > end - begin) {
            throw new IllegalArgumentException("frequency must be <= end - begin = " + (end - begin)
                    + " (otherwise the ramp has no intermediate event), got " + frequency);
        }
        Checks.positive("power", power);
    }

    @Override
    public boolean isPruningStep(long step) {
        return step == end || (step >= begin && step < end && (step - begin) % frequency == 0);
    }

    @Override
    public LongStream events() {
        return LongStream.concat(LongStream.iterate(begin, t -> t < end, t -> t + frequency), LongStream.of(end));
    }

    /** The number of pruning events, the last one at {@code end}. */
    public long eventCount() {
        return (end - begin + frequency - 1) / frequency + 1;
    }

    @Override
    public double valueAt(long step) {
        if (step < begin) {
            return initialSparsity;
        }
        long latestEvent = step >= end ? end : begin + (step - begin) / frequency * frequency;
        return rampAt(latestEvent);
    }

    private double rampAt(long step) {
        if (step == begin) {
            return initialSparsity; // exact endpoints, free of rounding
        }
        if (step == end) {
            return finalSparsity;
        }
        double remaining = 1.0 - Checks.progress(step, begin, end);
        return finalSparsity + (initialSparsity - finalSparsity) * Math.pow(remaining, power);
    }
}
