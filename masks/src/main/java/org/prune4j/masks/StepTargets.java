package org.prune4j.masks;

import java.util.Map;

/**
 * The scheduled values a {@link MaskMethod} needs for one optimizer step, as plain numbers.
 *
 * @param step     the optimizer step the values are for (0 before the first update); stochastic
 *                 methods seed their noise with it, so every worker draws the same
 * @param sparsity target sparsity of each weight, by weight name, in [0, 1]: the fraction of the
 *                 weight's units (entries, channels) to prune (1 when a global threshold takes a
 *                 whole layer)
 */
public record StepTargets(long step, Map<String, Double> sparsity) {

    public StepTargets {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        sparsity = Map.copyOf(sparsity);
        sparsity.forEach((weight, s) -> {
            if (!(s >= 0 && s <= 1)) {
                throw new IllegalArgumentException("sparsity of " + weight + " must be in [0, 1], got " + s);
            }
        });
    }

    /** The target of one weight. */
    public double sparsityOf(String weight) {
        Double s = sparsity.get(weight);
        if (s == null) {
            throw new IllegalArgumentException("targets of step " + step + " must include " + weight + ", got "
                    + sparsity.keySet());
        }
        return s;
    }
}
