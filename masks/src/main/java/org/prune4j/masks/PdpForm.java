package org.prune4j.masks;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * How PDP's soft factor enters the graph for one weight, and how the host switches it on (at given
 * thresholds) and off. Until switched on, and once switched off, the effective weight is exactly
 * {@code W * W_mask}.
 */
interface PdpForm {

    /** Adds this form's constants (soft factor off) and returns the effective weight of {@code weight}. */
    SDVariable build(SameDiff sd, SDVariable weight);

    /**
     * Makes the effective weight {@code W * m(W)} with {@code m = σ((s² - t²)/τ)} for the current
     * {@code values} of the weight (row-major), with the gradient of both factors.
     *
     * @param t2 the squared threshold: one value, or one per entry
     */
    void soften(SameDiff sd, String weight, double[] values, double[] t2, double tau);

    /** Switches the soft factor off: the effective weight becomes {@code W * W_mask}. */
    void off(SameDiff sd, String weight);

    /** The suffixes of the graph constants this form owns, for {@link MaskMethod#state}. */
    String[] constants();
}
