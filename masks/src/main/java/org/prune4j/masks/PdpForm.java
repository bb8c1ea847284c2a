package org.prune4j.masks;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How PDP's soft factor reaches the graph for one weight, and how the host switches it on (at given
 * thresholds) and off. Until switched on, and once switched off, the effective weight is exactly
 * {@code W * W_mask}. A form may keep the weight the optimizer trains apart from the graph variable
 * (both forms do: the variable then holds the effective weight, written by the host): {@link #latent}
 * says where, and {@link #toLatentGradient} carries the variable's gradient to it.
 */
interface PdpForm {

    /**
     * Adds this form's constants (soft factor off) and returns what the graph uses for {@code weight}: the
     * variable itself, into which the host writes the effective weight (both forms here).
     */
    SDVariable build(SameDiff sd, SDVariable weight);

    /** The suffix of the constant holding the latent weight, which {@link #build} adds. */
    String LATENT = "_pdp_latent";

    /** Called once, before the first {@link #soften}: the latent weight starts as the variable's value. */
    default void begin(SameDiff sd, String weight) {
        latent(sd, weight).assign(sd.getArrForVarName(weight));
    }

    /** The weight the masks are computed from and the optimizer updates, once begun: {@code W_pdp_latent}. */
    default INDArray latent(SameDiff sd, String weight) {
        return sd.getArrForVarName(weight + LATENT);
    }

    /**
     * Makes the effective weight {@code W * m(W)} with {@code m = σ((s² - t²)/τ)} for the current
     * {@code values} of the weight (row-major, read from {@link #latent}), with the gradient of both factors.
     *
     * @param t2 the squared threshold: one value, or one per entry
     */
    void soften(SameDiff sd, String weight, double[] values, double[] t2, double tau);

    /**
     * {@link #soften} of an unstructured weight whose threshold stays near the last one, {@code lastT},
     * finding the threshold on the way: the one with {@code index + 1} magnitudes at or above it (as
     * {@link OrderStatistics#descendingPair} places them). Returns t², or NaN when it is not near or the
     * form cannot (the default); the effective weight and gain may then be partly written, and the caller
     * must {@link #soften} in full.
     */
    default double softenNear(SameDiff sd, String weight, int index, double lastT, double tau) {
        return Double.NaN;
    }

    /**
     * {@link #soften} of a weight whose output channels are the units, {@code kept} of them above the
     * threshold it finds on the way ({@link PdpThresholds#channels}); returns t², or NaN, changing nothing,
     * when the form cannot (the default).
     */
    default double softenChannels(SameDiff sd, String weight, long kept, double tau) {
        return Double.NaN;
    }

    /**
     * {@link #soften} of an N:M weight with the thresholds of its groups found on the way; returns false,
     * changing nothing, when the form cannot (the default).
     */
    default boolean softenGroups(SameDiff sd, String weight, NmPattern pattern, double tau) {
        return false;
    }

    /** Switches the soft factor off: the effective weight becomes {@code W * W_mask}. */
    void off(SameDiff sd, String weight);

    /** Turns the variable's gradient into the latent weight's, in place (once begun); nothing by default. */
    default void toLatentGradient(SameDiff sd, String weight, INDArray gradient) {
    }

    /** After an optimizer update of a hardened weight; nothing by default. */
    default void afterUpdate(SameDiff sd, String weight) {
    }

    /** The suffixes of the graph constants this form owns, for {@link MaskMethod#state}. */
    String[] constants();
}
