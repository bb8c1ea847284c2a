package org.prune4j.masks;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Semi-structured N:M sparsity: at most N non-zeros in every group of M consecutive weights along the
 * input dimension. For a {@code [nIn, nOut]} weight a group is rows {@code g*M .. g*M+M-1} of one
 * column (reference/algorithms.md §0.1); any other shape is treated as {@code [size/last, last]}.
 */
public record NmPattern(int n, int m) implements Structure {

    public NmPattern {
        if (m < 1) {
            throw new IllegalArgumentException("m must be >= 1, got " + m);
        }
        if (n < 1 || n > m) {
            throw new IllegalArgumentException("n must be in [1, m=" + m + "], got " + n);
        }
    }

    /** The sparsity an exact N:M mask has. */
    public double sparsity() {
        return 1.0 - (double) n / m;
    }

    /** Whether a weight with this input dimension splits into whole groups. */
    public boolean fits(long inputDim) {
        return inputDim % m == 0;
    }

    @Override
    public void validate(String weight, long[] shape) {
        long inputDim = 1;
        for (int i = 0; i < shape.length - 1; i++) {
            inputDim *= shape[i];
        }
        if (shape.length < 2 || !fits(inputDim)) {
            throw new IllegalArgumentException(weight + ": the input dimension must be a multiple of m=" + m + " for "
                    + this + ", got " + (shape.length < 2 ? "rank " + shape.length : inputDim));
        }
    }

    /**
     * N:M has one sparsity: {@code sparsity} must be {@link #sparsity()} (the N:M mask) or 0 (nothing
     * pruned yet, all ones).
     */
    @Override
    public INDArray hardMask(INDArray scores, double sparsity) {
        if (sparsity == 0) {
            return Nd4j.onesLike(scores).castTo(DataType.FLOAT);
        }
        requireSparsity(sparsity);
        return magnitudeMask(scores);
    }

    /** @throws IllegalArgumentException unless {@code sparsity} is this pattern's, 1 - n/m */
    void requireSparsity(double sparsity) {
        if (Math.abs(sparsity - sparsity()) > 1e-12) {
            throw new IllegalArgumentException("sparsity must be 1 - n/m = " + sparsity() + " for " + this + ", got "
                    + sparsity);
        }
    }

    /** The number of groups holding more than N non-zeros (0 for a conforming mask or weight). */
    public long violations(INDArray maskOrWeight) {
        float[] v = HostArrays.toFloats(maskOrWeight);
        int cols = HostArrays.columns(maskOrWeight);
        int rows = v.length / cols;
        requireFits(rows);
        long bad = 0;
        for (int c = 0; c < cols; c++) {
            for (int g = 0; g < rows; g += m) {
                int nonZero = 0;
                for (int r = g; r < g + m; r++) {
                    if (v[r * cols + c] != 0f) {
                        nonZero++;
                    }
                }
                if (nonZero > n) {
                    bad++;
                }
            }
        }
        return bad;
    }

    /**
     * Keeps the N largest scores of every group (ties to the lower index): a mask with exactly N ones
     * per group.
     */
    public INDArray magnitudeMask(INDArray scores) {
        float[] s = HostArrays.toFloats(scores);
        int cols = HostArrays.columns(scores);
        int rows = s.length / cols;
        requireFits(rows);
        float[] mask = new float[s.length];
        int[] order = new int[m];
        for (int c = 0; c < cols; c++) {
            for (int g = 0; g < rows; g += m) {
                for (int i = 0; i < m; i++) {
                    order[i] = (g + i) * cols + c;
                }
                // insertion sort by descending score, stable: M is tiny
                for (int i = 1; i < m; i++) {
                    int cur = order[i];
                    int j = i - 1;
                    while (j >= 0 && Math.abs(s[order[j]]) < Math.abs(s[cur])) {
                        order[j + 1] = order[j];
                        j--;
                    }
                    order[j + 1] = cur;
                }
                for (int i = 0; i < n; i++) {
                    mask[order[i]] = 1f;
                }
            }
        }
        return HostArrays.like(mask, scores);
    }

    private void requireFits(int rows) {
        if (!fits(rows)) {
            throw new IllegalArgumentException(
                    "input dimension must be a multiple of m=" + m + " for " + n + ":" + m + ", got " + rows);
        }
    }

    @Override
    public String toString() {
        return n + ":" + m;
    }
}
