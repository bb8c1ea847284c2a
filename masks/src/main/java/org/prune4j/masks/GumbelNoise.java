package org.prune4j.masks;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Gumbel(0, 1) noise drawn on the host from a stream seeded by (run seed, step, layer name), so every
 * Spark worker and every resumed run draws the same noise for the same step and layer
 * (reference/algorithms.md §0.3): SameDiff's own random ops follow one global generator, which no
 * worker shares and no checkpoint holds.
 *
 * <p>A Gumbel value is {@code -log E} with E exponential ({@code -log U} for U uniform): E comes from the
 * JDK's ziggurat sampler, which rarely takes a log, so a draw costs one log instead of two. A layer's
 * values are drawn in chunks of {@link #CHUNK}, each from its own stream of (seed, step, layer, chunk),
 * in parallel: the values do not depend on how many cores draw them.
 */
public final class GumbelNoise {

    /**
     * E is clamped to [E_MIN, E_MAX], the range of {@code -log U} for U in [1e-10, 1 - 1e-10], so that
     * {@code -log E} stays finite (in [-3.14, 23.03]).
     */
    static final double E_MIN = 1e-10;
    static final double E_MAX = -Math.log(1e-10);

    /** Values per stream. */
    static final int CHUNK = 1 << 16;

    private GumbelNoise() {
    }

    /** {@code count} Gumbel(0, 1) values from the streams of (seed, step, layer). */
    public static float[] sample(long seed, long step, String layer, int count) {
        long stream = mix(seed, step, NameHash.fnv1a64(layer));
        float[] g = new float[count];
        IntStream.range(0, (count + CHUNK - 1) / CHUNK).parallel().forEach(chunk -> {
            SplittableRandom rng = new SplittableRandom(mix(stream, chunk, 0));
            for (int i = chunk * CHUNK, end = Math.min(count, i + CHUNK); i < end; i++) {
                g[i] = (float) -Math.log(Math.min(E_MAX, Math.max(E_MIN, rng.nextExponential())));
            }
        });
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
