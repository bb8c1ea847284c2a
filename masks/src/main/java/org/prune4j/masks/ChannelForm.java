package org.prune4j.masks;

import java.nio.FloatBuffer;
import java.util.function.IntConsumer;
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
     * The chain rule in float on the host, a block of rows at a time, in loops the JIT vectorizes: one
     * pass for the columns' {@code Σ_i g_ic W_ic} (skipped when no channel is soft), one for the update.
     */
    private static void chainRule(INDArray gradient, INDArray latent, float[] mask, float[] boost) {
        int cols = mask.length;
        int rows = Math.toIntExact(gradient.length() / cols);
        int blockRows = Math.max(1, HostArrays.CHUNK / cols);
        FloatBuffer gradients = gradient.data().asNioFloat();
        FloatBuffer weights = latent.data().asNioFloat();
        float[] g = new float[blockRows * cols];
        float[] w = new float[blockRows * cols];
        float[] scale = new float[cols]; // k_c · Σ_i g_ic W_ic
        boolean soft = false;
        for (float k : boost) {
            soft |= k != 0;
        }
        if (soft) {
            forEachBlock(gradients, weights, g, w, rows, cols, blockRows, false, length -> {
                for (int at = 0; at < length; at += cols) {
                    for (int c = 0; c < cols; c++) {
                        scale[c] += g[at + c] * w[at + c];
                    }
                }
            });
            for (int c = 0; c < cols; c++) {
                scale[c] *= boost[c];
            }
        }
        forEachBlock(gradients, weights, g, w, rows, cols, blockRows, true, length -> {
            for (int at = 0; at < length; at += cols) {
                for (int c = 0; c < cols; c++) {
                    g[at + c] = g[at + c] * mask[c] + w[at + c] * scale[c];
                }
            }
        });
    }

    /**
     * For every block of {@code blockRows} rows: reads it from {@code gradients} into {@code g} and from
     * {@code weights} into {@code w}, runs {@code body} with the block's length, and writes {@code g} back
     * when asked.
     */
    private static void forEachBlock(FloatBuffer gradients, FloatBuffer weights, float[] g, float[] w, int rows,
                                     int cols, int blockRows, boolean writeBack, IntConsumer body) {
        for (int row = 0; row < rows; row += blockRows) {
            int length = Math.min(blockRows, rows - row) * cols;
            gradients.get(row * cols, g, 0, length);
            weights.get(row * cols, w, 0, length);
            body.accept(length);
            if (writeBack) {
                gradients.put(row * cols, g, 0, length);
            }
        }
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

    /** The variable becomes the latent weight with every column scaled by its entry of {@code columnMask}. */
    private void setEffective(SameDiff sd, String weight, INDArray columnMask) {
        INDArray effective = sd.getArrForVarName(weight);
        INDArray scaled = matrix(effective).assign(matrix(latent(sd, weight))).muliRowVector(columnMask);
        if (scaled != effective) {
            effective.assign(scaled.reshape(effective.shape()));
        }
    }

    /** The {@code [size/last, last]} view of a weight-shaped array (itself at rank 2). */
    private static INDArray matrix(INDArray a) {
        return a.rank() == 2 ? a : a.reshape('c', a.length() / HostArrays.columns(a), HostArrays.columns(a));
    }
}
