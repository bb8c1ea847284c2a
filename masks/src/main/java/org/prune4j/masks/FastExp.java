package org.prune4j.masks;

/**
 * e^x for x <= 0 in float arithmetic, within 3e-7 relative (about 2 ulp) of {@link Math#exp}, several
 * times faster: a softmax over MaskLLM's candidates takes one per logit before every step. x = k·ln2 + r
 * with |r| <= ln2/2 (ln2 split in two so that k·ln2 is exact enough), e^r by its Taylor series to r⁶, and
 * 2^k put straight into the exponent bits. Plain float operations: the same bits on every JVM.
 */
final class FastExp {

    /** Below this e^x is under the smallest normal float: 0. */
    static final float UNDERFLOW = -87.33f;
    private static final float LOG2E = 1.44269504f;
    /** ln 2 to 15 significant bits: k·LN2_HIGH is exact for |k| <= 126. */
    private static final float LN2_HIGH = 0.693145752f;
    private static final float LN2_LOW = 1.42860677e-6f;

    private FastExp() {
    }

    /** e^x for x <= 0 (and 0 below {@link #UNDERFLOW}); NaN stays NaN. */
    static float nonPositive(float x) {
        if (x < UNDERFLOW) {
            return 0f;
        }
        int k = Math.round(x * LOG2E);
        float r = x - k * LN2_HIGH - k * LN2_LOW;
        float series = 1 + r * (1 + r * (0.5f + r * (1f / 6 + r * (1f / 24 + r * (1f / 120 + r * (1f / 720))))));
        return series * Float.intBitsToFloat((k + 127) << 23);
    }
}
