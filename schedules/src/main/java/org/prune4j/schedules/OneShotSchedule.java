package org.prune4j.schedules;

import java.util.stream.LongStream;

/**
 * One-shot pruning: dense before {@code step}, then {@code sparsity} for ever, reached at a single
 * pruning event. The degenerate ramp ({@code end == begin}) of a pruning schedule, for recipes that
 * prune once and then fine-tune or stop (the one-shot arms of experiment E1).
 */
public record OneShotSchedule(double sparsity, long step) implements PruningSchedule {

    public OneShotSchedule {
        Checks.inUnitInterval("sparsity", sparsity);
        Checks.nonNegative("step", step);
    }

    @Override
    public boolean isPruningStep(long t) {
        return t == step;
    }

    @Override
    public LongStream events() {
        return LongStream.of(step);
    }

    @Override
    public double valueAt(long t) {
        return t >= step ? sparsity : 0.0;
    }
}
