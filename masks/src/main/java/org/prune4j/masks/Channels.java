package org.prune4j.masks;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Output channels are the units (reference/algorithms.md §3.3): a channel is one column of the
 * {@code [size/last, last]} view, scored by its L2 norm, kept or pruned whole.
 */
public record Channels() implements Structure {

    @Override
    public void validate(String weight, long[] shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException(weight + ": channel masks need a weight of rank >= 2 (the last "
                    + "dimension is the output), got rank " + shape.length);
        }
    }

    @Override
    public INDArray hardMask(INDArray scores, double sparsity) {
        double[] s = HostArrays.toDoubles(scores);
        int cols = HostArrays.columns(scores);
        double[] squares = squaredNorms(s, cols);
        float[] norms = new float[cols];
        for (int c = 0; c < cols; c++) {
            norms[c] = (float) Math.sqrt(squares[c]);
        }
        float[] keep = MagnitudeMasks.keepLargest(norms, MagnitudeMasks.keptCount(cols, sparsity));
        float[] mask = new float[s.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = keep[i % cols];
        }
        return HostArrays.like(mask, scores);
    }

    /** The squared L2 norm of every column of a row-major {@code [rows, cols]} array. */
    static double[] squaredNorms(double[] values, int cols) {
        double[] squares = new double[cols];
        for (int row = 0; row < values.length; row += cols) {
            for (int c = 0; c < cols; c++) {
                squares[c] += values[row + c] * values[row + c];
            }
        }
        return squares;
    }

    @Override
    public String toString() {
        return "channel";
    }
}
