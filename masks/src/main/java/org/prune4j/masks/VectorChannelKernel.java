package org.prune4j.masks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScalarChannelKernel}'s arithmetic on as many neighbouring columns at once as the CPU's widest
 * vector holds, with the JDK's incubating Vector API: a lane is a column and does the scalar form's
 * operations in its order, so the bits are the same. A row's columns after its last full vector go to the
 * scalar form. Loaded by {@link ChannelKernel#fastest} only where the JVM has the module.
 */
final class VectorChannelKernel implements ChannelKernel {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = FLOATS.length();
    /** The squared norms are summed in double: as many floats per vector as the widest double vector has lanes. */
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> HALF_FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));
    private static final int DOUBLE_LANES = DOUBLES.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    @Override
    public void squaredNorms(ByteBuffer w, int rows, int cols, int from, int to, double[] squares) {
        int vectorEnd = from + (to - from) / DOUBLE_LANES * DOUBLE_LANES;
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            for (int c = from; c < vectorEnd; c += DOUBLE_LANES) {
                int at = (row + c) * Float.BYTES;
                DoubleVector x = (DoubleVector) FloatVector.fromByteBuffer(HALF_FLOATS, w, at, ORDER)
                        .convertShape(VectorOperators.F2D, DOUBLES, 0);
                DoubleVector.fromArray(DOUBLES, squares, c).add(x.mul(x)).intoArray(squares, c);
            }
            for (int c = vectorEnd; c < to; c++) {
                squares[c] = ScalarChannelKernel.squareStep(w, row + c, squares[c]);
            }
        }
    }

    @Override
    public void dots(ByteBuffer g, ByteBuffer w, int rows, int cols, int from, int to, float[] dots) {
        int vectorEnd = from + (to - from) / LANES * LANES;
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            for (int c = from; c < vectorEnd; c += LANES) {
                int at = (row + c) * Float.BYTES;
                FloatVector.fromArray(FLOATS, dots, c).add(FloatVector.fromByteBuffer(FLOATS, g, at, ORDER)
                        .mul(FloatVector.fromByteBuffer(FLOATS, w, at, ORDER))).intoArray(dots, c);
            }
            for (int c = vectorEnd; c < to; c++) {
                dots[c] = ScalarChannelKernel.dotStep(g, w, row + c, dots[c]);
            }
        }
    }

    @Override
    public void scaleColumns(ByteBuffer in, ByteBuffer out, float[] mask, int from, int to) {
        int cols = mask.length;
        int vectorCols = cols / LANES * LANES;
        for (int r = from; r < to; r++) {
            int row = r * cols;
            for (int c = 0; c < vectorCols; c += LANES) {
                int at = (row + c) * Float.BYTES;
                FloatVector.fromByteBuffer(FLOATS, in, at, ORDER).mul(FloatVector.fromArray(FLOATS, mask, c))
                        .intoByteBuffer(out, at, ORDER);
            }
            for (int c = vectorCols; c < cols; c++) {
                ScalarChannelKernel.scaled(in, out, mask, row + c, c);
            }
        }
    }

    @Override
    public void chainRule(ByteBuffer g, ByteBuffer w, float[] mask, float[] scale, int from, int to) {
        int cols = mask.length;
        int vectorCols = cols / LANES * LANES;
        for (int r = from; r < to; r++) {
            int row = r * cols;
            for (int c = 0; c < vectorCols; c += LANES) {
                int at = (row + c) * Float.BYTES;
                FloatVector kept = FloatVector.fromByteBuffer(FLOATS, g, at, ORDER)
                        .mul(FloatVector.fromArray(FLOATS, mask, c));
                FloatVector boosted = FloatVector.fromByteBuffer(FLOATS, w, at, ORDER)
                        .mul(FloatVector.fromArray(FLOATS, scale, c));
                kept.add(boosted).intoByteBuffer(g, at, ORDER);
            }
            for (int c = vectorCols; c < cols; c++) {
                ScalarChannelKernel.chained(g, w, mask, scale, row + c, c);
            }
        }
    }
}
