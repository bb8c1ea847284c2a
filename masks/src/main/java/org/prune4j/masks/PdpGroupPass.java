package org.prune4j.masks;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PDP's per-step host work for one N:M float weight in one streaming pass: every group's threshold
 * ({@code t = (b[N-1] + b[N]) / 2} of its magnitudes in descending order) and its entries' Ŵ and gain,
 * a block of M rows at a time, read and written in bulk. The plain path computes the same values
 * through weight-sized double arrays of the weight and of a threshold per entry; here nothing
 * weight-sized is allocated, and every value is the plain path's bit for bit (PdpGroupPassTest).
 */
final class PdpGroupPass {

    private static final PdpKernel KERNEL = PdpKernel.fastest();

    private final int rows;
    private final int parts;
    private final int cols;
    private final NmPattern pattern;
    /** Per part: one block of M rows of the weight, of Ŵ and of gain, a group's magnitudes, and t² per column. */
    private final float[][] blocks;
    private final float[][] maskedBlocks;
    private final float[][] gainBlocks;
    private final float[][] groups;
    private final double[][] thresholds;

    /** Scratch for a row-major {@code [rows, cols]} weight whose groups are M consecutive rows of a column. */
    PdpGroupPass(int rows, int cols, NmPattern pattern) {
        this(rows, cols, pattern, HostParallel.parts(rows * cols));
    }

    /** As {@link #PdpGroupPass(int, int, NmPattern)}, in {@code parts} ranges. */
    PdpGroupPass(int rows, int cols, NmPattern pattern, int parts) {
        this.rows = rows;
        this.cols = cols;
        this.pattern = pattern;
        this.parts = parts;
        blocks = new float[parts][pattern.m() * cols];
        maskedBlocks = new float[parts][pattern.m() * cols];
        gainBlocks = new float[parts][pattern.m() * cols];
        groups = new float[parts][pattern.m()];
        thresholds = new double[parts][cols];
    }

    /**
     * Reads {@code latent} and writes {@code Ŵ = w·m} into {@code effective} and {@code dŴ/dw} into
     * {@code gainOut}, t held per group; all three plain row-major float arrays of this pass's shape.
     */
    void soften(INDArray latent, INDArray effective, INDArray gainOut, double tau) {
        int block = pattern.m() * cols;
        double slope = 1 / tau;
        // a part takes the blocks that start in its range of entries
        HostParallel.forRanges(rows * cols, parts, (part, from, to) -> {
            FloatBuffer in = latent.data().asNioFloat();
            FloatBuffer effectiveOut = effective.data().asNioFloat();
            FloatBuffer gainsOut = gainOut.data().asNioFloat();
            for (int at = (from + block - 1) / block * block; at < to; at += block) {
                in.get(at, blocks[part], 0, block);
                softenBlock(part, slope);
                effectiveOut.put(at, maskedBlocks[part], 0, block);
                gainsOut.put(at, gainBlocks[part], 0, block);
            }
        });
    }

    /** One block of M rows: every column's group threshold, then the block's entries ({@link PdpKernel}). */
    private void softenBlock(int part, double slope) {
        float[] x = blocks[part];
        float[] masked = maskedBlocks[part];
        float[] gain = gainBlocks[part];
        double[] t2 = thresholds[part];
        if (pattern.m() == 4) {
            KERNEL.thresholdsOfFour(x, cols, pattern.n(), t2);
        } else {
            float[] group = groups[part];
            for (int c = 0; c < cols; c++) {
                for (int i = 0; i < pattern.m(); i++) {
                    PdpThresholds.insertDescending(group, i, Math.abs(x[i * cols + c]));
                }
                t2[c] = PdpThresholds.squaredMidpoint(group, pattern.n());
            }
        }
        KERNEL.soften(x, t2, cols, slope, masked, gain, pattern.m() * cols);
    }
}
