package org.prune4j.trainer.recipe;

/**
 * A value annealed linearly from {@code from} at {@code pruning.schedule.begin} to {@code to} at
 * {@code pruning.schedule.end} (MaskLLM's τ and κ, reference/algorithms.md §4.2). Both must be positive.
 */
public record AnnealSpec(Double from, Double to) {

    public AnnealSpec {
        Rules.positive("from", Rules.required("from", from));
        Rules.positive("to", Rules.required("to", to));
    }
}
