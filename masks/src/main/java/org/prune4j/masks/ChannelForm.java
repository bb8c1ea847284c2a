package org.prune4j.masks;

import java.nio.ByteBuffer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PDP on output channels, on the host, with no op in the graph: as for {@link EntryForm}, once PDP
 * starts the weight variable holds the effective weight {@code Ŵ = W·m} and W lives in the constant
 * {@code W_pdp_latent}. A channel's mask {@code m_c = σ((‖W_c‖² - t²)/τ)} depends on its whole column,
 * so the chain rule to W is not entry by entry: {@code dL/dW = g·m_c + W·k_c·Σ_i g_ic W_ic} with
 * {@code k_c = 2·m_c(1 - m_c)/τ}, g the gradient with respect to Ŵ. The host keeps m and k per column in
 * the constants {@code W_pdp_channel_mask} and {@code W_pdp_channel_boost}. Hardened, m is the hard
 * column mask, k is 0, and the variable is {@code W_latent * W_mask} after every update.
 *
 * <p>Why not in the graph: the squared norms, the sigmoid and the two products with their backward
 * passes made a LeNet-300-100 step 2.1 times the dense one in SameDiff's per-op costs.
 */
final class ChannelForm implements PdpForm {

    static final String MASK = "_pdp_channel_mask";
    static final String BOOST = "_pdp_channel_boost";
    private static final ChannelKernel KERNEL = ChannelKernel.fastest();

    @Override
    public SDVariable build(SameDiff sd, SDVariable weight) {
        INDArray w = weight.getArr();
        long cols = HostArrays.columns(w);
        sd.constant(weight.name() + LATENT, w.dup());
        sd.constant(weight.name() + MASK, Nd4j.ones(w.dataType(), cols));
        sd.constant(weight.name() + BOOST, Nd4j.zeros(w.dataType(), cols));
        return weight;
    }

    /** m and k per column from the squared column norms of {@code values}, then {@code Ŵ = W·m}. */
    @Override
    public void soften(SameDiff sd, String weight, double[] values, double[] t2, double tau) {
        int cols = Math.toIntExact(sd.getArrForVarName(weight + MASK).length());
        softenColumns(sd, weight, Channels.squaredNorms(values, cols), t2[0], tau);
    }

    /**
     * {@link #soften} with the squared column norms summed from the latent weight on the host, over ranges
     * of columns on the cores (the same bits as from the weight's values in double), and the threshold
     * that keeps {@code kept} channels found from them; NaN where the latent weight is not a plain float
     * array (the variable has its type).
     */
    @Override
    public double softenChannels(SameDiff sd, String weight, long kept, double tau) {
        INDArray latent = latent(sd, weight);
        ByteBuffer w = HostArrays.bytes(latent);
        if (w == null) {
            return Double.NaN;
        }
        int n = Math.toIntExact(latent.length());
        int cols = HostArrays.columns(latent);
        double[] squares = new double[cols];
        HostParallel.forRanges(cols, HostParallel.ranges(n), (part, from, to) ->
                KERNEL.squaredNorms(w, n / cols, cols, from, to, squares));
        double t2 = PdpThresholds.channels(squares, kept);
        softenColumns(sd, weight, squares, t2, tau);
        return t2;
    }

    /** m and k per column from the squared column norms, then {@code Ŵ = W·m}. */
    private void softenColumns(SameDiff sd, String weight, double[] squares, double t2, double tau) {
        INDArray mask = sd.getArrForVarName(weight + MASK);
        int cols = squares.length;
        double slope = 1 / tau;
        double[] m = new double[cols];
        double[] k = new double[cols];
        for (int c = 0; c < cols; c++) {
            m[c] = PdpSoftMask.maskOfSquare(squares[c], t2, slope);
            k[c] = 2 * m[c] * (1 - m[c]) * slope;
        }
        HostArrays.write(mask, 0, m, cols);
        HostArrays.write(sd.getArrForVarName(weight + BOOST), 0, k, cols);
        setEffective(sd, weight, mask);
    }

    /** Zeroes the pruned latent weights; m becomes the hard column mask and k zero. */
    @Override
    public void off(SameDiff sd, String weight) {
        INDArray hard = HardMask.of(sd, weight);
        latent(sd, weight).muli(hard);
        sd.getArrForVarName(weight + MASK).assign(matrix(hard).getRow(0).reshape(HostArrays.columns(hard)));
        sd.getArrForVarName(weight + BOOST).assign(0);
        afterUpdate(sd, weight);
    }

    @Override
    public void toLatentGradient(SameDiff sd, String weight, INDArray gradient) {
        INDArray latent = latent(sd, weight);
        ByteBuffer g = HostArrays.bytes(gradient);
        ByteBuffer w = HostArrays.bytes(latent);
        if (g != null && w != null) {
            float[] mask = HostArrays.toFloats(sd.getArrForVarName(weight + MASK));
            int n = Math.toIntExact(gradient.length());
            chainRule(g, w, mask, HostArrays.toFloats(sd.getArrForVarName(weight + BOOST)), n / mask.length,
                    HostParallel.ranges(n));
            return;
        }
        INDArray gradients = matrix(gradient);
        INDArray weights = matrix(latent);
        INDArray boost = gradients.mul(weights).sum(0).muli(sd.getArrForVarName(weight + BOOST));
        gradients.muliRowVector(sd.getArrForVarName(weight + MASK)).addi(weights.mulRowVector(boost));
        if (gradients != gradient) {
            gradient.assign(gradients.reshape(gradient.shape()));
        }
    }

    /**
     * The chain rule in float on the host, on {@code [rows, mask.length]} row-major float bytes, in {@code parts}
     * ranges on the cores: the columns' {@code k_c·Σ_i g_ic W_ic} over ranges of columns (a column's sum still
     * runs over the rows in order, so the bits do not depend on the split; skipped when no channel is soft),
     * then the update over ranges of rows.
     */
    static void chainRule(ByteBuffer gradients, ByteBuffer weights, float[] mask, float[] boost, int rows, int parts) {
        int cols = mask.length;
        float[] scale = new float[cols]; // k_c · Σ_i g_ic W_ic
        boolean soft = false;
        for (float k : boost) {
            soft |= k != 0;
        }
        if (soft) {
            HostParallel.forRanges(cols, parts, (part, from, to) ->
                    KERNEL.dots(gradients, weights, rows, cols, from, to, scale));
            for (int c = 0; c < cols; c++) {
                scale[c] *= boost[c];
            }
        }
        HostParallel.forRanges(rows, parts, (part, from, to) ->
                KERNEL.chainRule(gradients, weights, mask, scale, from, to));
    }

    /** Hardened: the variable is the latent weight times the hard column mask. */
    @Override
    public void afterUpdate(SameDiff sd, String weight) {
        setEffective(sd, weight, sd.getArrForVarName(weight + MASK));
    }

    @Override
    public String[] constants() {
        return new String[] {LATENT, MASK, BOOST};
    }

    /**
     * The variable becomes the latent weight with every column scaled by its entry of {@code columnMask}: on
     * the host over the cores for float arrays (ND4J's copy and product took two passes on one core), the
     * same float products.
     */
    private void setEffective(SameDiff sd, String weight, INDArray columnMask) {
        INDArray effective = sd.getArrForVarName(weight);
        INDArray latent = latent(sd, weight);
        ByteBuffer in = HostArrays.bytes(latent);
        ByteBuffer out = HostArrays.bytes(effective);
        if (in != null && out != null) {
            float[] mask = HostArrays.toFloats(columnMask);
            int n = Math.toIntExact(effective.length());
            HostParallel.forRanges(n / mask.length, HostParallel.ranges(n), (part, from, to) ->
                    KERNEL.scaleColumns(in, out, mask, from, to));
            return;
        }
        INDArray scaled = matrix(effective).assign(matrix(latent)).muliRowVector(columnMask);
        if (scaled != effective) {
            effective.assign(scaled.reshape(effective.shape()));
        }
    }

    /** The {@code [size/last, last]} view of a weight-shaped array (itself at rank 2). */
    private static INDArray matrix(INDArray a) {
        return a.rank() == 2 ? a : a.reshape('c', a.length() / HostArrays.columns(a), HostArrays.columns(a));
    }
}
