package org.prune4j.masks;

import java.util.SplittableRandom;

/**
 * Gumbel(0, 1) noise drawn on the host from a stream seeded by (run seed, step, layer name), so every
 * Spark worker and every resumed run draws the same noise for the same step and layer
 * (reference/algorithms.md §0.3): SameDiff's own random ops follow one global generator, which no
 * worker shares and no checkpoint holds.
 */
public final class GumbelNoise {

    /** U is drawn from [EPS, 1 - EPS] so that {@code -log(-log U)} stays finite. */
    static final double EPS = 1e-10;

    private GumbelNoise() {
    }

    /** {@code count} values {@code -log(-log U)}, U uniform, from the stream of (seed, step, layer). */
    public static float[] sample(long seed, long step, String layer, int count) {
        SplittableRandom rng = new SplittableRandom(mix(seed, step, NameHash.fnv1a64(layer)));
        float[] g = new float[count];
        for (int i = 0; i < count; i++) {
            double u = rng.nextDouble(EPS, 1 - EPS);
            g[i] = (float) -Math.log(-Math.log(u));
        }
        return g;
    }

    /** SplitMix64's finaliser over the three parts: nearby steps give unrelated streams. */
    static long mix(long seed, long step, long layer) {
        long z = seed + 0x9E3779B97F4A7C15L * (step + 1) + 0xBF58476D1CE4E5B9L * layer;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
