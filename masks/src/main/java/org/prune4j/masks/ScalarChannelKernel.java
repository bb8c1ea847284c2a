package org.prune4j.masks;

import java.nio.ByteBuffer;

/** {@link ChannelKernel} one entry at a time: the reference whose bits the vector form gives. */
final class ScalarChannelKernel implements ChannelKernel {

    @Override
    public void squaredNorms(ByteBuffer w, int rows, int cols, int from, int to, double[] squares) {
        for (int r = 0; r < rows; r++) {
            for (int c = from; c < to; c++) {
                squares[c] = squareStep(w, r * cols + c, squares[c]);
            }
        }
    }

    /** {@code sum + w_i²} in double: one step of a column's squared norm. */
    static double squareStep(ByteBuffer w, int i, double sum) {
        double x = w.getFloat(i * Float.BYTES);
        return sum + x * x;
    }

    @Override
    public void dots(ByteBuffer g, ByteBuffer w, int rows, int cols, int from, int to, float[] dots) {
        for (int r = 0; r < rows; r++) {
            for (int c = from; c < to; c++) {
                dots[c] = dotStep(g, w, r * cols + c, dots[c]);
            }
        }
    }

    /** {@code sum + g_i · w_i} in float: one step of a column's dot product. */
    static float dotStep(ByteBuffer g, ByteBuffer w, int i, float sum) {
        return sum + g.getFloat(i * Float.BYTES) * w.getFloat(i * Float.BYTES);
    }

    @Override
    public void scaleColumns(ByteBuffer in, ByteBuffer out, float[] mask, int from, int to) {
        int cols = mask.length;
        for (int r = from; r < to; r++) {
            for (int c = 0; c < cols; c++) {
                scaled(in, out, mask, r * cols + c, c);
            }
        }
    }

    /** Entry i (of column c) of {@link #scaleColumns}. */
    static void scaled(ByteBuffer in, ByteBuffer out, float[] mask, int i, int c) {
        out.putFloat(i * Float.BYTES, in.getFloat(i * Float.BYTES) * mask[c]);
    }

    @Override
    public void chainRule(ByteBuffer g, ByteBuffer w, float[] mask, float[] scale, int from, int to) {
        int cols = mask.length;
        for (int r = from; r < to; r++) {
            for (int c = 0; c < cols; c++) {
                chained(g, w, mask, scale, r * cols + c, c);
            }
        }
    }

    /** Entry i (of column c) of {@link #chainRule}. */
    static void chained(ByteBuffer g, ByteBuffer w, float[] mask, float[] scale, int i, int c) {
        int at = i * Float.BYTES;
        g.putFloat(at, g.getFloat(at) * mask[c] + w.getFloat(at) * scale[c]);
    }
}
