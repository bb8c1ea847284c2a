package org.prune4j.trainer.recipe;

/** {@code pruning.nm:} keep at most {@code n} of every {@code m} weights along the input dimension. */
public record NmSpec(Integer n, Integer m) {

    public NmSpec {
        Rules.positive("m", Rules.required("m", m));
        Rules.positive("n", Rules.required("n", n));
        if (n > m) {
            throw new RecipeException("n", "must be <= m=" + m + " (N:M keeps N of every M)", n);
        }
    }
}
