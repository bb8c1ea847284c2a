package org.prune4j.schedules;

import java.util.stream.LongStream;

/**
 * Sparse pre-training, dense fine-tuning (SPDF; Thangarasa et al., arXiv 2303.10464;
 * reference/algorithms.md §7): dense before {@code begin}, one static mask of {@code sparsity} from
 * {@code begin} until {@code release}, then every mask set back to one so the pruned weights (which
 * restart from zero) train again.
 *
 * <p>Two events: {@code begin}, where the masks are computed once, and {@code release}, where
 * {@link #masksReleased} turns true. The sparsity is not monotone: it drops back to 0 at the release.
 */
public record SpdfSchedule(double sparsity, long begin, long release) implements PruningSchedule {

    public SpdfSchedule {
        Checks.inUnitInterval("sparsity", sparsity);
        Checks.nonNegative("begin", begin);
        Checks.before("begin", begin, "release", release);
    }

    @Override
    public boolean isPruningStep(long step) {
        return step == begin || step == release;
    }

    @Override
    public LongStream events() {
        return LongStream.of(begin, release);
    }

    @Override
    public boolean masksReleased(long step) {
        return step >= release;
    }

    @Override
    public double valueAt(long step) {
        return step >= begin && step < release ? sparsity : 0.0;
    }
}
