package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GumbelNoiseTest {

    @Test
    void equalSeedStepAndLayerDrawEqualNoise() {
        assertArrayEquals(GumbelNoise.sample(7, 12, "block0/attn/q/W", 600),
                GumbelNoise.sample(7, 12, "block0/attn/q/W", 600));
    }

    @Test
    void anotherStepLayerOrSeedDrawsOtherNoise() {
        float[] base = GumbelNoise.sample(7, 12, "block0/attn/q/W", 600);
        assertFalse(Arrays.equals(base, GumbelNoise.sample(7, 13, "block0/attn/q/W", 600)), "step");
        assertFalse(Arrays.equals(base, GumbelNoise.sample(7, 12, "block0/attn/k/W", 600)), "layer");
        assertFalse(Arrays.equals(base, GumbelNoise.sample(8, 12, "block0/attn/q/W", 600)), "seed");
    }

    /** A value depends on its index only: a longer draw starts with a shorter one. */
    @Test
    void aLongerDrawExtendsAShorterOne() {
        float[] longer = GumbelNoise.sample(3, 5, "fc1/W", 100_017);
        assertArrayEquals(GumbelNoise.sample(3, 5, "fc1/W", 65_545), Arrays.copyOf(longer, 65_545));
    }

    /** U stays in [2^-24, 1 - 2^-24] whatever the hash gives, so g stays finite, in [-2.81, 16.64]. */
    @Test
    void theExtremeUniformsGiveFiniteNoise() {
        float lowest = ((0 >>> 9) + 0.5f) * GumbelNoise.UNIFORM_STEP;
        float highest = ((-1 >>> 9) + 0.5f) * GumbelNoise.UNIFORM_STEP;
        assertEquals(0x1p-24f, lowest);
        assertEquals(1 - 0x1p-24f, highest);
        float gLow = -FloatMath.log(-FloatMath.log(lowest));
        float gHigh = -FloatMath.log(-FloatMath.log(highest));
        assertEquals(-Math.log(-Math.log(0x1p-24)), gLow, 1e-5);
        assertEquals(-Math.log(-Math.log(1 - 0x1p-24)), gHigh, 1e-4);
        for (float v : GumbelNoise.sample(1, 2, "w", 200_000)) {
            assertTrue(v >= gLow && v <= gHigh, "in range: " + v);
        }
    }

    /** Gumbel(0, 1) has mean γ ≈ 0.5772 and variance π²/6 ≈ 1.6449; 200k draws pin both to ~1%. */
    @Test
    void momentsAreThoseOfTheStandardGumbel() {
        float[] g = GumbelNoise.sample(1, 0, "w", 200_000);
        double mean = 0;
        for (float v : g) {
            mean += v;
        }
        mean /= g.length;
        double std = MaskLlmPrior.unbiasedStd(g);
        assertEquals(0.5772156649, mean, 0.01);
        assertEquals(Math.PI * Math.PI / 6, std * std, 0.03);
    }

    /**
     * Kolmogorov-Smirnov against the Gumbel CDF exp(-exp(-x)) on 200k draws: D must stay under the 0.1%
     * critical value 1.95/√n (a generator whose bits were not uniform fails it at once).
     */
    @Test
    void theDistributionIsTheStandardGumbel() {
        float[] g = GumbelNoise.sample(9, 4, "fc2/W", 200_000);
        Arrays.sort(g);
        double d = 0;
        for (int i = 0; i < g.length; i++) {
            double cdf = Math.exp(-Math.exp(-g[i]));
            d = Math.max(d, Math.max(Math.abs(cdf - (double) i / g.length), Math.abs(cdf - (i + 1.0) / g.length)));
        }
        assertTrue(d < 1.95 / Math.sqrt(g.length), "KS distance " + d);
    }
}
