package org.prune4j.trainer.recipe;

import java.util.List;

/**
 * {@code pruning.pdp:} the settings of PDP, parameter-free differentiable pruning
 * (reference/algorithms.md §3). The ramp reuses {@code pruning.schedule}: dense until {@code begin}
 * (the end of warm-up, where the layer budgets and τ are fixed), the target reached at {@code end}.
 *
 * @param structure {@code unstructured} (entries), {@code nm} (N of every M along the input dimension,
 *                  with {@code pruning.nm}) or {@code channel} (whole output channels by L2 norm)
 *                  (default: nm when {@code pruning.nm} is set, else unstructured)
 * @param tau       a fixed temperature τ, in units of the squared score (default: none, tauScale rules)
 * @param tauScale  τ = tauScale × the layer's mean squared score at {@code begin} (default 0.01, the E1
 *                  protocol; only when tau is not given)
 * @param freezeAt  step from which the hard mask (m >= 0.5, exact counts) replaces the soft one and stays
 *                  frozen; must be >= {@code schedule.end} (default: the last step, so the final model
 *                  and metrics are hard-masked with no frozen fine-tuning)
 */
public record PdpSpec(String structure, Double tau, Double tauScale, Integer freezeAt) {

    public static final List<String> STRUCTURES = List.of("unstructured", "nm", "channel");
    /** τ as a fraction of the layer's mean squared score, the E1 protocol's rule. */
    public static final double DEFAULT_TAU_SCALE = 0.01;

    public PdpSpec {
        if (structure != null) {
            Rules.oneOf("structure", structure, STRUCTURES);
        }
        if (tau != null) {
            Rules.positive("tau", tau);
            if (tauScale != null) {
                throw new RecipeException("tauScale", "must be left out when tau is given (one rule for τ)", tauScale);
            }
        } else {
            Rules.positive("tauScale", tauScale = Rules.orDefault(tauScale, DEFAULT_TAU_SCALE));
        }
        if (freezeAt != null) {
            Rules.nonNegative("freezeAt", freezeAt);
        }
    }

    /** The same settings with the structure filled in. */
    PdpSpec withStructure(String resolved) {
        return new PdpSpec(resolved, tau, tauScale, freezeAt);
    }
}
