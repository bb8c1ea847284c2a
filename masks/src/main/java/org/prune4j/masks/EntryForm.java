package org.prune4j.masks;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PDP for masks whose entries are their own units (unstructured, N:M), computed on the host, with no
 * op in the graph: once PDP starts, the weight variable holds the effective weight {@code Ŵ = W·m(W)}
 * and the weight itself, the one the optimizer updates, lives in the constant {@code W_pdp_latent}.
 * The host writes Ŵ into the variable and {@code gain = dŴ/dW = m + W·dm/dW} into {@code W_pdp_gain}
 * before every step; the gradient the graph gives for the variable (with respect to Ŵ) times gain is
 * exactly PDP's gradient through both factors, t held.
 *
 * <p>Why not in the graph: {@code W * sigmoid((W*W - t²)/τ)} made a LeNet-300-100 step about 2.5 times
 * the dense one, and even the fused {@code W * gain + offset} cost 2.2 ms of a 10.6 ms step in SameDiff's
 * per-op overhead; the graph is now the dense graph. Hardened, gain is the hard mask and the variable is
 * {@code W_latent * W_mask}, rewritten after every update.
 */
final class EntryForm implements PdpForm {

    static final String GAIN = "_pdp_gain";

    /** Per float weight, the scratch of its streaming soft update: unstructured or N:M. */
    private final Map<String, PdpBandPass> passes = new HashMap<>();
    private final Map<String, PdpGroupPass> groupPasses = new HashMap<>();

    @Override
    public SDVariable build(SameDiff sd, SDVariable weight) {
        INDArray w = weight.getArr();
        sd.constant(weight.name() + GAIN, Nd4j.ones(w.dataType(), w.shape()));
        sd.constant(weight.name() + LATENT, w.dup());
        return weight;
    }

    /**
     * Computes Ŵ and gain chunk by chunk and streams each chunk straight into the variable and the gain
     * constant, in parallel ranges: no weight-sized buffer is written and read back.
     */
    @Override
    public void soften(SameDiff sd, String weight, double[] values, double[] t2, double tau) {
        INDArray effective = sd.getArrForVarName(weight);
        INDArray gain = sd.getArrForVarName(weight + GAIN);
        HostParallel.forRanges(values.length, (part, from, to) -> {
            double[] m = new double[Math.min(HostArrays.CHUNK, to - from)];
            double[] g = new double[m.length];
            for (int i = from; i < to; i += m.length) {
                int length = Math.min(m.length, to - i);
                PdpSoftMask.maskedAndGain(values, t2, tau, i, length, m, g);
                HostArrays.write(effective, i, m, length);
                HostArrays.write(gain, i, g, length);
            }
        });
    }

    /** In one pass with {@link PdpBandPass} (float graphs). */
    @Override
    public double softenNear(SameDiff sd, String weight, int index, double lastT, double tau) {
        if (!streamable(sd, weight)) {
            return Double.NaN;
        }
        INDArray latent = latent(sd, weight);
        return passes.computeIfAbsent(weight, k -> new PdpBandPass(Math.toIntExact(latent.length())))
                .soften(latent, sd.getArrForVarName(weight), sd.getArrForVarName(weight + GAIN), index, lastT, tau);
    }

    /** In one pass with {@link PdpGroupPass} (float graphs). */
    @Override
    public boolean softenGroups(SameDiff sd, String weight, NmPattern pattern, double tau) {
        if (!streamable(sd, weight)) {
            return false;
        }
        INDArray latent = latent(sd, weight);
        int cols = HostArrays.columns(latent);
        groupPasses.computeIfAbsent(weight, k -> new PdpGroupPass(Math.toIntExact(latent.length() / cols), cols,
                pattern)).soften(latent, sd.getArrForVarName(weight), sd.getArrForVarName(weight + GAIN), tau);
        return true;
    }

    /** Whether the latent weight, the variable and the gain are plain float arrays: what the passes stream. */
    private boolean streamable(SameDiff sd, String weight) {
        return HostArrays.isPlain(latent(sd, weight), DataType.FLOAT)
                && HostArrays.isPlain(sd.getArrForVarName(weight), DataType.FLOAT)
                && HostArrays.isPlain(sd.getArrForVarName(weight + GAIN), DataType.FLOAT);
    }

    /** Zeroes the pruned latent weights and makes the hard mask the gain. */
    @Override
    public void off(SameDiff sd, String weight) {
        INDArray mask = HardMask.of(sd, weight);
        latent(sd, weight).muli(mask);
        sd.getArrForVarName(weight + GAIN).assign(mask);
        afterUpdate(sd, weight);
    }

    @Override
    public void toLatentGradient(SameDiff sd, String weight, INDArray gradient) {
        gradient.muli(sd.getArrForVarName(weight + GAIN));
    }

    /** Hardened: the variable is the latent weight times the hard mask (the gain). */
    @Override
    public void afterUpdate(SameDiff sd, String weight) {
        sd.getArrForVarName(weight).assign(latent(sd, weight)).muli(sd.getArrForVarName(weight + GAIN));
    }

    @Override
    public String[] constants() {
        return new String[] {GAIN, LATENT};
    }
}
