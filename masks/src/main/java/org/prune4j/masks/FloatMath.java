package org.prune4j.masks;

/**
 * e^x and ln x in float arithmetic, for MaskLLM's per-step host work (a softmax and two logarithms of
 * Gumbel noise per logit). Written as a fixed sequence of float additions, multiplications and bit
 * operations, no fused multiply-add and no library call, so that {@link VectorMaskLlmKernel} repeats
 * every step lane by lane and gets the same bits: the results do not depend on the CPU or on whether
 * the JVM has the Vector API. The constants below are shared by both forms.
 */
final class FloatMath {

    /** Below this e^x is under the smallest normal float: 0. */
    static final float EXP_UNDERFLOW = -87.33f;
    static final float LOG2E = 1.44269504f;
    /** 1.5·2^23: adding it rounds a float of magnitude below 2^22 to an integer, which its low bits hold. */
    static final float ROUNDER = 12582912f;
    static final int ROUNDER_BITS = 0x4b400000;
    /** ln 2 to 15 significant bits (k·LN2_HIGH is exact for |k| <= 126), and the rest. */
    static final float LN2_HIGH = 0.693145752f;
    static final float LN2_LOW = 1.42860677e-6f;
    static final float E2 = 0.5f;
    static final float E3 = 1f / 6;
    static final float E4 = 1f / 24;
    static final float E5 = 1f / 120;
    static final float E6 = 1f / 720;

    /** The bits of √½: subtracting them splits x into 2^e·m with m in [√½, √2). */
    static final int SQRT_HALF_BITS = 0x3f3504f3;
    /** Cephes' logf: ln(1 + f) = f - f²/2 + f³·P(f) on [√½ - 1, √2 - 1], P of degree 8. */
    static final float L0 = 7.0376836292e-2f;
    static final float L1 = -1.1514610310e-1f;
    static final float L2 = 1.1676998740e-1f;
    static final float L3 = -1.2420140846e-1f;
    static final float L4 = 1.4249322787e-1f;
    static final float L5 = -1.6668057665e-1f;
    static final float L6 = 2.0000714765e-1f;
    static final float L7 = -2.4999993993e-1f;
    static final float L8 = 3.3333331174e-1f;
    /** ln 2 as 0.693359375 (exact in few bits) minus 2.12194440e-4. */
    static final float LN2_BIG = 0.693359375f;
    static final float LN2_SMALL = -2.12194440e-4f;

    private FloatMath() {
    }

    /**
     * e^x for x <= 0, within 3e-7 relative of {@link Math#exp} (0 below {@link #EXP_UNDERFLOW}; NaN stays
     * NaN): x = k·ln2 + r with |r| <= ln2/2, e^r by its Taylor series to r⁶, 2^k put into the exponent bits.
     */
    static float expNonPositive(float x) {
        float shifted = x * LOG2E + ROUNDER;
        int k = Float.floatToRawIntBits(shifted) - ROUNDER_BITS;
        float kf = shifted - ROUNDER;
        float r = x - kf * LN2_HIGH - kf * LN2_LOW;
        float series = 1 + r * (1 + r * (E2 + r * (E3 + r * (E4 + r * (E5 + r * E6)))));
        float value = series * Float.intBitsToFloat((k + 127) << 23);
        return x < EXP_UNDERFLOW ? 0f : value;
    }

    /** ln x for a positive normal float x, within 1e-7 relative of {@link Math#log} where |ln x| > 1e-3. */
    static float log(float x) {
        int bits = Float.floatToRawIntBits(x);
        int e = (bits - SQRT_HALF_BITS) >> 23;
        float f = Float.intBitsToFloat(bits - (e << 23)) - 1f;
        float f2 = f * f;
        float p = ((((((((L0 * f + L1) * f + L2) * f + L3) * f + L4) * f + L5) * f + L6) * f + L7) * f + L8);
        float ef = e;
        float y = p * f * f2 + ef * LN2_SMALL + f2 * -E2;
        return f + y + ef * LN2_BIG;
    }
}
