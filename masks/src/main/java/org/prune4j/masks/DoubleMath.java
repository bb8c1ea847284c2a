package org.prune4j.masks;

/**
 * e^x in double arithmetic for PDP's sigmoids (|x| <= {@link #EXP_LIMIT}), within a few ulp of
 * {@link Math#exp}: a fixed sequence of additions, multiplications and bit operations, no library call,
 * so that {@link VectorPdpKernel} repeats it lane by lane with the same bits (as {@link FloatMath} for
 * float). x = k·ln2 + r with |r| <= ln2/2 (ln2 split in two, fdlibm's, so that k·LN2_HIGH is exact), e^r
 * by its Taylor series to r¹³ (the next term is below 4e-18), 2^k put into the exponent bits.
 */
final class DoubleMath {

    /** The arguments this exp is for; PDP clamps to it (its sigmoid is saturated far before). */
    static final double EXP_LIMIT = 700;
    static final double LOG2E = 1.4426950408889634;
    /** 1.5·2^52: adding it rounds a double of magnitude below 2^51 to an integer, which its low bits hold. */
    static final double ROUNDER = 6755399441055744.0;
    static final long ROUNDER_BITS = 0x4338000000000000L;
    static final double LN2_HIGH = 6.93147180369123816490e-01;
    static final double LN2_LOW = 1.90821492927058770002e-10;
    /** 1/n! for n = 2..13. */
    static final double[] INVERSE_FACTORIALS = inverseFactorials();

    private DoubleMath() {
    }

    /** e^x for |x| <= {@link #EXP_LIMIT}. */
    static double exp(double x) {
        double shifted = x * LOG2E + ROUNDER;
        long k = Double.doubleToRawLongBits(shifted) - ROUNDER_BITS;
        double kf = shifted - ROUNDER;
        double r = x - kf * LN2_HIGH - kf * LN2_LOW;
        double[] c = INVERSE_FACTORIALS;
        double series = ((((((((((((c[11] * r + c[10]) * r + c[9]) * r + c[8]) * r + c[7]) * r + c[6]) * r + c[5])
                * r + c[4]) * r + c[3]) * r + c[2]) * r + c[1]) * r + c[0]) * r + 1) * r + 1;
        return series * Double.longBitsToDouble((k + 1023) << 52);
    }

    private static double[] inverseFactorials() {
        double[] out = new double[12];
        double factorial = 1;
        for (int n = 2; n <= 13; n++) {
            factorial *= n;
            out[n - 2] = 1 / factorial;
        }
        return out;
    }
}
