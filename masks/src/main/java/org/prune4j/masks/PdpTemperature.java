package org.prune4j.masks;

/**
 * PDP's temperature τ, in units of the squared score (w² for entries, ‖W_c‖² for channels): fixed,
 * or {@code tauScale} times the layer's mean squared score when its first update comes (the end of
 * warm-up). Third-party PDP code uses a fixed 1e-4 or 1e-5, which only suits one weight scale
 * (reference/algorithms.md §3.4, §9.9); scaling by the layer makes τ mean the same for a 784-wide
 * and a 100-wide layer. The E1 protocol (reference §8) uses {@code tauScale = 1e-2}.
 *
 * @param tau      a fixed τ, or NaN when scaled
 * @param tauScale the scale, or NaN when τ is fixed
 */
public record PdpTemperature(double tau, double tauScale) {

    /** τ = 1e-2 × mean squared score, the E1 protocol's rule. */
    public static final double DEFAULT_SCALE = 1e-2;

    public PdpTemperature {
        if (Double.isNaN(tau) == Double.isNaN(tauScale)) {
            throw new IllegalArgumentException("exactly one of tau and tauScale must be given, got tau=" + tau
                    + ", tauScale=" + tauScale);
        }
        if (!Double.isNaN(tau) && !(tau > 0 && tau < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("tau must be a positive number, got " + tau);
        }
        if (!Double.isNaN(tauScale) && !(tauScale > 0 && tauScale < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("tauScale must be a positive number, got " + tauScale);
        }
    }

    public static PdpTemperature fixed(double tau) {
        return new PdpTemperature(tau, Double.NaN);
    }

    public static PdpTemperature scaled(double tauScale) {
        return new PdpTemperature(Double.NaN, tauScale);
    }

    /** τ for a layer whose mean squared score is {@code meanSquare} now. */
    double tauFor(String weight, double meanSquare) {
        double t = Double.isNaN(tau) ? tauScale * meanSquare : tau;
        if (!(t > 0)) {
            throw new IllegalStateException("tau of " + weight + " must be > 0, got " + t + " (tauScale " + tauScale
                    + " times a mean squared weight of " + meanSquare + ")");
        }
        return t;
    }
}
