package org.prune4j.masks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One MaskLLM weight as the host kernels see it, and the arrays they fill before and read after every
 * step, allocated once. The weight is row-major {@code [rows, cols]}; group {@code g = r·cols + col}
 * holds rows {@code r·M} to {@code r·M + M - 1} of column col. Logits, noise and probabilities are laid
 * out by candidate, {@code [C, rows/M, cols]}: candidate k of group g at {@code k·groups + g}, so that
 * the kernels read the same candidate of neighbouring groups one after another.
 */
final class MaskLlmLayer {

    private static final int BLOCK_LOGITS = 8192;

    final int groupRows;
    final int cols;
    final int m;
    final int count;
    final int groups;
    /** Per position i of a group, the candidates that keep it, ascending. */
    final int[][] containing;
    /** Per candidate, the positions it keeps, ascending. */
    final int[][] kept;
    /**
     * Two arrays laid out like the logits, one per parity of the step: step t's noise is drawn into t's (on a
     * host worker while the graph computes step t - 1, whose backward pass still reads the other), and t's
     * forward pass overwrites it with the probabilities, in place: the lines it writes are those it has just
     * read, so writing them costs no read of their old contents from memory (the host passes are bound by
     * memory).
     */
    private final float[][] buffers;
    /** The softmax of every group at the last forward pass, laid out like the logits: one of the buffers. */
    float[] probabilities;
    /**
     * The arrays a pass reads and writes, as float bytes in the platform's order: ND4J's own memory where
     * an array is a plain float array, else {@link #scratch} copies. The logits are laid out like the
     * probabilities; W (the latent weight), {@code W·M̃} and W's gradient row-major.
     */
    ByteBuffer logits;
    ByteBuffer weight;
    ByteBuffer effective;
    ByteBuffer gradient;
    /** Whether the backward pass writes W's gradient into {@link #gradient} (not when W is frozen). */
    boolean weightGradient = true;
    /** Per group, {@code Σ (W·M̃)²} over its M entries: the regulariser sums these. */
    final float[] keptSquares;

    MaskLlmLayer(NmCandidates candidates, int rows, int cols) {
        this.m = candidates.pattern().m();
        this.groupRows = rows / m;
        this.cols = cols;
        this.count = candidates.count();
        this.groups = groupRows * cols;
        this.containing = new int[m][];
        this.kept = new int[count][];
        for (int i = 0; i < m; i++) {
            List<Integer> ks = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                if (candidates.row(k)[i] != 0f) {
                    ks.add(k);
                }
            }
            containing[i] = ks.stream().mapToInt(Integer::intValue).toArray();
        }
        for (int k = 0; k < count; k++) {
            float[] row = candidates.row(k);
            kept[k] = java.util.stream.IntStream.range(0, m).filter(i -> row[i] != 0f).toArray();
        }
        this.buffers = new float[][] {new float[count * groups], new float[count * groups]};
        this.probabilities = buffers[0];
        this.keptSquares = new float[groups];
    }

    /** The buffer of step {@code step}: its noise until its forward pass, then its probabilities. */
    float[] buffer(long step) {
        return buffers[(int) (step & 1)];
    }

    /** The logits of one group row: what a pass costs per group row. */
    int rowLogits() {
        return count * cols;
    }

    /**
     * Group rows per block of a pass: about {@link #BLOCK_LOGITS} logits (32 KB, in the L1 or L2 cache), at
     * least one row.
     */
    int blockRows() {
        return Math.max(1, BLOCK_LOGITS / rowLogits());
    }

    /** The logits of one block of {@link #blockRows} group rows: the scratch a block's gradient needs. */
    int blockLogits() {
        return blockRows() * rowLogits();
    }

    /** The weight's entries, {@code rows·cols}. */
    int entries() {
        return groupRows * m * cols;
    }

    /** A direct buffer of {@code floats} floats in the platform's order, for an array that is not plain float. */
    static ByteBuffer scratch(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder());
    }

    /** Where entry i of group (r, col) lies in the row-major weight. */
    int entry(int r, int i, int col) {
        return (r * m + i) * cols + col;
    }
}
