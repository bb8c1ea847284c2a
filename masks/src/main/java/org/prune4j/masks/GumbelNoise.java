package org.prune4j.masks;

/**
 * Gumbel(0, 1) noise as a pure function of (run seed, step, layer name, index), so every Spark worker
 * and every resumed run draws the same noise for the same step and layer (reference/algorithms.md
 * §0.3): SameDiff's own random ops follow one global generator, which no worker shares and no
 * checkpoint holds.
 *
 * <p>A counter-based generator: the 64-bit {@link #key} of (seed, step, layer) keys two rounds of a 32-bit
 * integer hash of the index (Wellons' lowbias32, a bijection: distinct indices give distinct bits); its
 * top 23 bits make a uniform U in [2^-24, 1 - 2^-24], and the value is {@code -ln(-ln U)}, in
 * [-2.81, 16.64], with {@link FloatMath#log}. Every value is computed on its own, so values are drawn in
 * any order, by any number of threads, or lane by lane in {@link VectorMaskLlmKernel}, with the same bits.
 */
public final class GumbelNoise {

    static final int HASH_MULTIPLIER_1 = 0x7feb352d;
    static final int HASH_MULTIPLIER_2 = 0x846ca68b;
    /** 2^-23: the spacing of the uniform values. */
    static final float UNIFORM_STEP = 0x1p-23f;

    private GumbelNoise() {
    }

    /** The key of the noise of (seed, step, layer). */
    static long key(long seed, long step, String layer) {
        return mix(seed, step, NameHash.fnv1a64(layer));
    }

    /** {@code count} values of the noise of (seed, step, layer), for indices 0 to count - 1. */
    public static float[] sample(long seed, long step, String layer, int count) {
        long key = key(seed, step, layer);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = value(key, i);
        }
        return out;
    }

    /** The noise value at {@code index} under {@code key}. */
    static float value(long key, int index) {
        return -FloatMath.log(-FloatMath.log(uniform(key, index)));
    }

    /** Uniform in [2^-24, 1 - 2^-24] at {@code index}: neither logarithm of {@link #value} meets 0. */
    static float uniform(long key, int index) {
        int bits = hash(hash(index ^ (int) key) + (int) (key >>> 32));
        return ((bits >>> 9) + 0.5f) * UNIFORM_STEP;
    }

    /** lowbias32: xor-shift-multiply rounds with a low avalanche bias. */
    static int hash(int x) {
        x = (x ^ (x >>> 16)) * HASH_MULTIPLIER_1;
        x = (x ^ (x >>> 15)) * HASH_MULTIPLIER_2;
        return x ^ (x >>> 16);
    }

    /** SplitMix64's finaliser over the three parts: nearby steps give unrelated keys. */
    static long mix(long seed, long step, long layer) {
        long z = seed + 0x9E3779B97F4A7C15L * (step + 1) + 0xBF58476D1CE4E5B9L * layer;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
