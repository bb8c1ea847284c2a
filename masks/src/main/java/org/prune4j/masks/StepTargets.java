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
 * @param values   other scheduled numbers by name, such as MaskLLM's {@code tau} and {@code kappa}: each
 *                 method documents the names it reads; must be finite
 */
public record StepTargets(long step, Map<String, Double> sparsity, Map<String, Double> values) {

    /** Targets without other scheduled values: what magnitude pruning and PDP need. */
    public StepTargets(long step, Map<String, Double> sparsity) {
        this(step, sparsity, Map.of());
    }

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
        values = Map.copyOf(values);
        values.forEach((name, v) -> {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("value " + name + " must be finite, got " + v);
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

    /** A scheduled value a method needs. */
    public double valueOf(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("targets of step " + step + " must include value " + name + ", got "
                    + values.keySet());
        }
        return v;
    }
}
