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

    /** Chunks are drawn from their own streams, in parallel: a longer draw starts with a shorter one. */
    @Test
    void aLongerDrawExtendsAShorterOne() {
        int count = 2 * GumbelNoise.CHUNK + 17;
        float[] longer = GumbelNoise.sample(3, 5, "fc1/W", count);
        assertArrayEquals(GumbelNoise.sample(3, 5, "fc1/W", GumbelNoise.CHUNK + 9),
                Arrays.copyOf(longer, GumbelNoise.CHUNK + 9));
        for (float v : longer) {
            assertTrue(v >= -Math.log(GumbelNoise.E_MAX) - 1e-6 && v <= -Math.log(GumbelNoise.E_MIN) + 1e-6,
                    "finite and in range: " + v);
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
}
