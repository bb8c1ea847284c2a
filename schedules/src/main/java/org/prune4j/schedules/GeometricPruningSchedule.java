package org.prune4j.schedules;

import java.util.stream.LongStream;

/**
 * The geometric pruning events of "The Journey Matters" (Jin et al., ICLR'25, arXiv 2501.12486;
 * official code tjingrant/sparse-llm-code, MaxText/train.py, reference/algorithms.md §2.2): every
 * event removes the same fraction {@code p = 1 - (1 - s)^(1/n)} of the weights still remaining, so
 * after event {@code k} (0-based) the kept fraction is {@code (1 - p)^(k + 1)} and the last of the
 * {@code n = (end - begin) / frequency + 1} events leaves exactly {@code 1 - s}.
 *
 * <p>Why not the cubic: its first events remove large slices of a still-dense model while its last
 * ones barely move; a constant per-event rate is what iterative magnitude pruning does, and it is
 * what the paper's 25% / 75%-of-compute windows were measured with.
 *
 * <p>Events are at {@code begin, begin + frequency, ..., end}. The official code fires on the absolute
 * {@code step % frequency == 0}; the two agree whenever {@code begin} is a multiple of the frequency,
 * as in every released configuration. Like the official code this requires {@code end - begin} to be
 * a multiple of the frequency. Before {@code begin} the model is dense; from {@code end} on the
 * sparsity is {@code finalSparsity}.
 */
public record GeometricPruningSchedule(double finalSparsity, long begin, long end, long frequency)
        implements PruningSchedule {

    public GeometricPruningSchedule {
        Checks.inUnitInterval("finalSparsity", finalSparsity);
        Checks.window(begin, end);
        Checks.atLeastOne("frequency", frequency);
        if ((end - begin) % frequency != 0) {
            throw new IllegalArgumentException("end - begin must be a multiple of frequency=" + frequency
                    + " (the geometric events must land on end), got end - begin = " + (end - begin));
        }
    }

    /** The number of pruning events {@code n}, the first at {@code begin} and the last at {@code end}. */
    public long eventCount() {
        return (end - begin) / frequency + 1;
    }

    /** The fraction {@code p} of the remaining weights each event removes. */
    public double pruneFractionPerEvent() {
        return 1 - Math.pow(1 - finalSparsity, 1.0 / eventCount());
    }

    @Override
    public boolean isPruningStep(long step) {
        return step >= begin && step <= end && (step - begin) % frequency == 0;
    }

    @Override
    public LongStream events() {
        return LongStream.iterate(begin, t -> t <= end, t -> t + frequency);
    }

    @Override
    public double valueAt(long step) {
        if (step < begin) {
            return 0.0;
        }
        long n = eventCount();
        long eventsDone = Math.min((step - begin) / frequency + 1, n);
        if (eventsDone == n) {
            return finalSparsity; // exact: 1 - (1 - s) is not always s in floating point
        }
        // (1 - p)^(k + 1) = (1 - s)^((k + 1) / n)
        return 1 - Math.pow(1 - finalSparsity, (double) eventsDone / n);
    }
}
