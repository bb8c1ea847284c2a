package org.prune4j.trainer.train;

/** Derives independent random seeds from the run seed and a position (epoch, step, layer). */
final class Seeds {

    private Seeds() {
    }

    /** SplitMix64's finaliser over (seed, stream, index): well-mixed and stable across JVMs. */
    static long derive(long seed, long stream, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 1) + 0xBF58476D1CE4E5B9L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
