package org.prune4j.masks;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScalarPdpKernel}'s arithmetic on as many entries of a row at once as the CPU's widest double
 * vector holds (8 with AVX-512): the float weights widened to double, the sigmoid's exponential
 * ({@link DoubleMath#exp}) on every lane and the saturated lanes blended to exactly 0 or 1 afterwards, as
 * the scalar form returns them without an exponential. Every lane does the scalar form's operations in its
 * order, so the bits are the same; a row's last columns go to the scalar form.
 */
final class VectorPdpKernel implements PdpKernel {

    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));
    private static final int LANES = DOUBLES.length();

    @Override
    public void soften(float[] w, double[] t2, int cols, double slope, float[] masked, float[] gain, int length) {
        int vectorCols = cols - cols % LANES;
        for (int row = 0; row < length; row += cols) {
            for (int c = 0; c < vectorCols; c += LANES) {
                int j = row + c;
                DoubleVector x = (DoubleVector) FloatVector.fromArray(FLOATS, w, j)
                        .convertShape(VectorOperators.F2D, DOUBLES, 0);
                DoubleVector a = x.mul(x).sub(DoubleVector.fromArray(DOUBLES, t2, c)).mul(slope);
                DoubleVector minusA = a.neg().max(-DoubleMath.EXP_LIMIT).min(DoubleMath.EXP_LIMIT);
                DoubleVector shifted = minusA.mul(DoubleMath.LOG2E).add(DoubleMath.ROUNDER);
                LongVector k = shifted.reinterpretAsLongs().sub(DoubleMath.ROUNDER_BITS);
                DoubleVector kf = shifted.sub(DoubleMath.ROUNDER);
                DoubleVector r = minusA.sub(kf.mul(DoubleMath.LN2_HIGH)).sub(kf.mul(DoubleMath.LN2_LOW));
                double[] c0 = DoubleMath.INVERSE_FACTORIALS;
                DoubleVector series = r.mul(c0[11]).add(c0[10]).mul(r).add(c0[9]).mul(r).add(c0[8]).mul(r)
                        .add(c0[7]).mul(r).add(c0[6]).mul(r).add(c0[5]).mul(r).add(c0[4]).mul(r).add(c0[3]).mul(r)
                        .add(c0[2]).mul(r).add(c0[1]).mul(r).add(c0[0]).mul(r).add(1).mul(r).add(1);
                DoubleVector e = series.mul(k.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles());
                DoubleVector m = DoubleVector.broadcast(DOUBLES, 1).div(e.add(1))
                        .blend(1, a.compare(VectorOperators.GT, PdpSoftMask.SATURATED))
                        .blend(0, a.compare(VectorOperators.LT, -PdpSoftMask.SATURATED));
                ((FloatVector) x.mul(m).convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(masked, j);
                DoubleVector boost = x.mul(x.mul(2).mul(slope).mul(m).mul(DoubleVector.broadcast(DOUBLES, 1).sub(m)));
                ((FloatVector) m.add(boost).convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(gain, j);
            }
            for (int c = vectorCols; c < cols; c++) {
                ScalarPdpKernel.entry(w, t2, cols, slope, masked, gain, row + c);
            }
        }
    }

    /** {@link ScalarPdpKernel#thresholdsOfFour}'s network on vectors of columns; b[n-1] + b[n] in double, as there. */
    @Override
    public void thresholdsOfFour(float[] x, int cols, int n, double[] t2) {
        int vectorCols = cols - cols % LANES;
        for (int c = 0; c < vectorCols; c += LANES) {
            FloatVector a0 = FloatVector.fromArray(FLOATS, x, c).abs();
            FloatVector a1 = FloatVector.fromArray(FLOATS, x, cols + c).abs();
            FloatVector a2 = FloatVector.fromArray(FLOATS, x, 2 * cols + c).abs();
            FloatVector a3 = FloatVector.fromArray(FLOATS, x, 3 * cols + c).abs();
            FloatVector high01 = a0.max(a1);
            FloatVector low01 = a0.min(a1);
            FloatVector high23 = a2.max(a3);
            FloatVector low23 = a2.min(a3);
            FloatVector middleHigh = high01.min(high23);
            FloatVector middleLow = low01.max(low23);
            FloatVector upper;
            FloatVector lower;
            if (n == 1) {
                upper = high01.max(high23);
                lower = middleHigh.max(middleLow);
            } else if (n == 2) {
                upper = middleHigh.max(middleLow);
                lower = middleHigh.min(middleLow);
            } else {
                upper = middleHigh.min(middleLow);
                lower = low01.min(low23);
            }
            DoubleVector t = ((DoubleVector) upper.convertShape(VectorOperators.F2D, DOUBLES, 0))
                    .add((DoubleVector) lower.convertShape(VectorOperators.F2D, DOUBLES, 0)).mul(0.5);
            t.mul(t).intoArray(t2, c);
        }
        ScalarPdpKernel.thresholdsOfFour(x, cols, n, t2, vectorCols);
    }
}
