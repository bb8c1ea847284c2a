package org.prune4j.masks;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PDP on output channels, in the graph: {@code W * σ((‖W_c‖² - t²)·slope) * W_mask} with the
 * squared column norms summed in the graph and t² and {@code slope = 1/τ} scalar constants. A
 * channel's mask depends on the whole column, so the gradient is not entry by entry and is left to
 * SameDiff; the soft part works on one value per channel, so it is cheap. Switched off,
 * {@code t² = -1} and slope 1e4 put the sigmoid's argument at 1e4 or more: m is exactly 1 in float and
 * double, with gradient exactly 0.
 */
final class ChannelForm implements PdpForm {

    static final String THRESHOLD = "_pdp_t2";
    static final String SLOPE = "_pdp_slope";
    static final float OFF_THRESHOLD = -1f;
    static final float OFF_SLOPE = 1e4f;

    @Override
    public SDVariable build(SameDiff sd, SDVariable weight) {
        String name = weight.name();
        DataType type = weight.dataType();
        int rank = weight.getArr().rank();
        SDVariable t2 = sd.constant(name + THRESHOLD, Nd4j.scalar(type, OFF_THRESHOLD));
        SDVariable slope = sd.constant(name + SLOPE, Nd4j.scalar(type, OFF_SLOPE));
        int[] rows = new int[rank - 1];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        SDVariable squaredNorms = sd.sum(weight.mul(weight), false, rows); // one per output channel
        SDVariable soft = sd.nn().sigmoid(name + "_soft", squaredNorms.sub(t2).mul(slope));
        return weight.mul(soft).mul(name + "_masked", sd.getVariable(MaskMethod.hardMaskName(name)));
    }

    @Override
    public void soften(SameDiff sd, String weight, double[] values, double[] t2, double tau) {
        // no op dispatch: this runs before every step
        sd.getArrForVarName(weight + THRESHOLD).putScalar(0, t2[0]);
        sd.getArrForVarName(weight + SLOPE).putScalar(0, 1 / tau);
    }

    @Override
    public void off(SameDiff sd, String weight) {
        sd.getArrForVarName(weight + THRESHOLD).putScalar(0, OFF_THRESHOLD);
        sd.getArrForVarName(weight + SLOPE).putScalar(0, OFF_SLOPE);
    }

    @Override
    public String[] constants() {
        return new String[] {THRESHOLD, SLOPE};
    }
}
