package org.prune4j.masks;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PDP for masks whose entries are their own units (unstructured, N:M), computed on the host and fused
 * into two graph constants: the effective weight is {@code W * gain + offset} with
 * {@code gain = m + w·dm/dw} and {@code offset = -w²·dm/dw} ({@link PdpSoftMask}), which is
 * {@code W * m(W)} in the forward pass and has exactly PDP's gradient through both factors, t held.
 *
 * <p>Why not {@code W * sigmoid((W*W - t²)/τ)} in the graph: those five element-wise ops and their
 * backward passes made a LeNet-300-100 step about 2.5 times the dense one (docs/experiments/E1.md);
 * the fused form adds one multiply-add to the graph and one O(n) pass on the host, mostly without an
 * exp, since only entries near the threshold are soft. Switched off, gain is {@code W_mask} and
 * offset 0.
 */
final class EntryForm implements PdpForm {

    static final String GAIN = "_pdp_gain";
    static final String OFFSET = "_pdp_offset";

    @Override
    public SDVariable build(SameDiff sd, SDVariable weight) {
        INDArray w = weight.getArr();
        SDVariable gain = sd.constant(weight.name() + GAIN, Nd4j.ones(w.dataType(), w.shape()));
        SDVariable offset = sd.constant(weight.name() + OFFSET, Nd4j.zeros(w.dataType(), w.shape()));
        return weight.mul(gain).add(weight.name() + "_masked", offset);
    }

    /**
     * Computes gain and offset chunk by chunk and streams each chunk straight into the graph's
     * constants, in parallel ranges: no weight-sized buffer is written and read back.
     */
    @Override
    public void soften(SameDiff sd, String weight, double[] values, double[] t2, double tau) {
        INDArray gain = sd.getArrForVarName(weight + GAIN);
        INDArray offset = sd.getArrForVarName(weight + OFFSET);
        HostParallel.forRanges(values.length, (part, from, to) -> {
            double[] g = new double[Math.min(HostArrays.CHUNK, to - from)];
            double[] o = new double[g.length];
            for (int i = from; i < to; i += g.length) {
                int length = Math.min(g.length, to - i);
                PdpSoftMask.gainAndOffset(values, t2, tau, i, length, g, o);
                HostArrays.write(gain, i, g, length);
                HostArrays.write(offset, i, o, length);
            }
        });
    }

    @Override
    public void off(SameDiff sd, String weight) {
        sd.getArrForVarName(weight + GAIN).assign(HardMask.of(sd, weight));
        sd.getArrForVarName(weight + OFFSET).assign(0);
    }

    @Override
    public String[] constants() {
        return new String[] {GAIN, OFFSET};
    }
}
