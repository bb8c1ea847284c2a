package org.prune4j.schedules.compute;

import org.prune4j.schedules.Schedule;

/**
 * What a sparsity schedule costs over a whole run, with compute proportional to active parameters.
 *
 * @param meanActiveParameters N-bar, the mean over steps of the unpruned parameters (pruned weights at
 *                             their density plus every parameter that is never pruned): the N of the
 *                             Journey Matters scaling law (reference/algorithms.md §2.4)
 * @param meanDensity          the mean over steps of the pruned weights' density {@code 1 - s(t)}
 *                             (the "average density" of the Journey Matters model cards)
 * @param sparseShare          the share of the run's compute spent on steps where the pruned weights
 *                             are sparse ({@code s(t) > 0})
 * @param flopsSavedFraction   {@code 1 - N-bar / N}: the share of a dense run's compute the schedule saves
 * @param flopsSaved           training FLOPs the zeros let a sparse kernel skip: 6 per zero weight per
 *                             token (2 forward, 4 backward; Kaplan et al. 2020's {@code C = 6N}), one use
 *                             per weight per token, so a lower bound for convolutions, which reuse each
 *                             kernel weight at every output position
 */
public record TrainingCompute(
        double meanActiveParameters, double meanDensity, double sparseShare, double flopsSavedFraction,
        double flopsSaved) {

    /**
     * Sums the schedule over steps {@code 0 .. steps - 1}.
     *
     * @param sparsity          the target sparsity of the pruned weights at each step
     * @param prunedParameters  how many parameters the schedule prunes
     * @param otherParameters   parameters never pruned (biases, norms, excluded layers)
     * @param tokensPerStep     examples (or tokens, for language models) per optimizer step
     */
    public static TrainingCompute of(Schedule sparsity, long steps, long prunedParameters, long otherParameters,
                                     long tokensPerStep) {
        if (steps < 1 || prunedParameters < 0 || otherParameters < 0 || prunedParameters + otherParameters == 0
                || tokensPerStep < 1) {
            throw new IllegalArgumentException("steps, tokensPerStep and the parameter total must be >= 1 and counts "
                    + ">= 0, got steps=" + steps + ", prunedParameters=" + prunedParameters + ", otherParameters="
                    + otherParameters + ", tokensPerStep=" + tokensPerStep);
        }
        double active = 0;
        double density = 0;
        double sparseActive = 0;
        double zeros = 0;
        for (long t = 0; t < steps; t++) {
            double s = sparsity.valueAt(t);
            double stepActive = otherParameters + prunedParameters * (1 - s);
            active += stepActive;
            density += 1 - s;
            zeros += prunedParameters * s;
            if (s > 0) {
                sparseActive += stepActive;
            }
        }
        double meanActive = active / steps;
        return new TrainingCompute(meanActive, density / steps, sparseActive / active,
                1 - meanActive / (prunedParameters + otherParameters), 6.0 * tokensPerStep * zeros);
    }
}
