package org.prune4j.masks;

import java.nio.FloatBuffer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
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
        INDArray mask = sd.getArrForVarName(weight + MASK);
        int cols = Math.toIntExact(mask.length());
        double[] squares = Channels.squaredNorms(values, cols);
        double slope = 1 / tau;
        double[] m = new double[cols];
        double[] k = new double[cols];
        for (int c = 0; c < cols; c++) {
            m[c] = PdpSoftMask.maskOfSquare(squares[c], t2[0], slope);
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
        if (HostArrays.isPlain(gradient, DataType.FLOAT) && HostArrays.isPlain(latent, DataType.FLOAT)) {
            chainRule(gradient, latent, HostArrays.toFloats(sd.getArrForVarName(weight + MASK)),
                    HostArrays.toFloats(sd.getArrForVarName(weight + BOOST)));
            return;
        }
        INDArray g = matrix(gradient);
        INDArray w = matrix(latent(sd, weight));
        INDArray boost = g.mul(w).sum(0).muli(sd.getArrForVarName(weight + BOOST));
        g.muliRowVector(sd.getArrForVarName(weight + MASK)).addi(w.mulRowVector(boost));
        if (g != gradient) {
            gradient.assign(g.reshape(gradient.shape()));
        }
    }

    /**
     * The chain rule in float on the host, over ranges of columns on the cores ({@link HostParallel}): a
     * column's {@code Σ_i g_ic W_ic} still runs over the rows in order, so the bits do not depend on the split.
     */
    private static void chainRule(INDArray gradient, INDArray latent, float[] mask, float[] boost) {
        int rows = Math.toIntExact(gradient.length() / mask.length);
        chainRule(gradient.data().asNioFloat(), latent.data().asNioFloat(), mask, boost, rows,
                HostParallel.parts(Math.toIntExact(gradient.length())));
    }

    /** As above on {@code [rows, mask.length]} row-major buffers, in {@code parts} ranges of columns. */
    static void chainRule(FloatBuffer gradients, FloatBuffer weights, float[] mask, float[] boost, int rows,
                          int parts) {
        boolean soft = false;
        for (float k : boost) {
            soft |= k != 0;
        }
        boolean anySoft = soft;
        HostParallel.forRanges(mask.length, parts, (part, from, to) ->
                chainRuleColumns(gradients, weights, mask, boost, rows, from, to, anySoft));
    }

    /**
     * Columns {@code [from, to)}, a block of rows at a time in loops the JIT vectorizes: one pass for the
     * columns' {@code Σ_i g_ic W_ic} (skipped when no channel is soft), one for the update.
     */
    private static void chainRuleColumns(FloatBuffer gradients, FloatBuffer weights, float[] mask, float[] boost,
                                         int rows, int from, int to, boolean soft) {
        int cols = mask.length;
        int width = to - from;
        int blockRows = Math.max(1, HostArrays.CHUNK / width);
        float[] g = new float[blockRows * width];
        float[] w = new float[blockRows * width];
        float[] scale = new float[width]; // k_c · Σ_i g_ic W_ic
        if (soft) {
            for (int row = 0; row < rows; row += blockRows) {
                int length = read(gradients, weights, g, w, row, Math.min(blockRows, rows - row), cols, from, width);
                for (int at = 0; at < length; at += width) {
                    for (int c = 0; c < width; c++) {
                        scale[c] += g[at + c] * w[at + c];
                    }
                }
            }
            for (int c = 0; c < width; c++) {
                scale[c] *= boost[from + c];
            }
        }
        for (int row = 0; row < rows; row += blockRows) {
            int blockLength = Math.min(blockRows, rows - row);
            int length = read(gradients, weights, g, w, row, blockLength, cols, from, width);
            for (int at = 0; at < length; at += width) {
                for (int c = 0; c < width; c++) {
                    g[at + c] = g[at + c] * mask[from + c] + w[at + c] * scale[c];
                }
            }
            for (int i = 0; i < blockLength; i++) {
                gradients.put((row + i) * cols + from, g, i * width, width);
            }
        }
    }

    /** Columns {@code [from, from + width)} of {@code count} rows from {@code row} into g and w; returns the floats read. */
    private static int read(FloatBuffer gradients, FloatBuffer weights, float[] g, float[] w, int row, int count,
                            int cols, int from, int width) {
        for (int i = 0; i < count; i++) {
            gradients.get((row + i) * cols + from, g, i * width, width);
            weights.get((row + i) * cols + from, w, i * width, width);
        }
        return count * width;
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
        if (HostArrays.isPlain(effective, DataType.FLOAT) && HostArrays.isPlain(latent, DataType.FLOAT)) {
            float[] mask = HostArrays.toFloats(columnMask);
            FloatBuffer in = latent.data().asNioFloat();
            FloatBuffer out = effective.data().asNioFloat();
            int cols = mask.length;
            int rows = Math.toIntExact(effective.length() / cols);
            HostParallel.forRanges(rows, HostParallel.parts(Math.toIntExact(effective.length())), (part, from, to) -> {
                float[] row = new float[cols];
                for (int r = from; r < to; r++) {
                    in.get(r * cols, row, 0, cols);
                    for (int c = 0; c < cols; c++) {
                        row[c] *= mask[c];
                    }
                    out.put(r * cols, row, 0, cols);
                }
            });
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
