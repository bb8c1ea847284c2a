package org.prune4j.schedules;

/**
 * The target of a Lagrangian sparsity controller (CoFi, Sheared-LLaMA; reference/algorithms.md §5.2,
 * §5.4): {@code t(k) = start + (target - start) * min(1, k / warmupSteps)} with
 * {@code k = step - prepruningSteps}, and {@code start} before the pre-pruning steps are over.
 *
 * <p>The controller pushes the expected sparsity towards {@code t(k)} rather than towards the final
 * target at once, so the gates are not forced shut before the task loss has shaped them. CoFi uses
 * {@code start = 0}, 100 pre-pruning steps and a warm-up of a few epochs; Sheared-LLaMA 0, 0 and 20%
 * of the steps.
 */
public record SparsityRamp(double start, double target, long prepruningSteps, long warmupSteps) implements Schedule {

    public SparsityRamp {
        Checks.inUnitInterval("start", start);
        Checks.inUnitInterval("target", target);
        Checks.nonNegative("prepruningSteps", prepruningSteps);
        Checks.atLeastOne("warmupSteps", warmupSteps);
    }

    @Override
    public double valueAt(long step) {
        return Checks.interpolate(start, target, Checks.progress(step, prepruningSteps, prepruningSteps + warmupSteps));
    }
}
