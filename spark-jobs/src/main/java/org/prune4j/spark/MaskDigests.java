package org.prune4j.spark;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.checkpoints.Digests;
import org.prune4j.masks.HostArrays;

/**
 * SHA-256 of every mask constant ({@code *_mask}) of a graph. Masks must be identical on every worker;
 * the driver sends its digests with each round and every worker checks its own after loading.
 */
final class MaskDigests {

    private MaskDigests() {
    }

    static Map<String, String> of(SameDiff sd) {
        return of(sd, Map.of());
    }

    /** As {@link #of(SameDiff)}, taking the bits of the masks in {@code bitsByMask} as given (the driver just packed them). */
    static Map<String, String> of(SameDiff sd, Map<String, long[]> bitsByMask) {
        Map<String, String> out = new TreeMap<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.CONSTANT && v.name().endsWith("_mask")) {
                long[] bits = bitsByMask.get(v.name());
                out.put(v.name(), bits != null ? digestOfBits(bits) : digest(v.getArr()));
            }
        }
        return out;
    }

    /**
     * SHA-256 of a 0/1 mask as one bit per entry (32 times less to hash than its floats; the bit order is
     * the row-major entry order), or of its float32 values, big-endian, when it holds anything else.
     */
    static String digest(INDArray mask) {
        float[] values = HostArrays.toFloats(mask);
        long[] words = PackedArray.bitsOf(values);
        if (words == null) {
            ByteBuffer floats = ByteBuffer.allocate(values.length * Float.BYTES);
            floats.asFloatBuffer().put(values);
            return Digests.sha256(floats.array());
        }
        return digestOfBits(words);
    }

    private static String digestOfBits(long[] words) {
        ByteBuffer bits = ByteBuffer.allocate(words.length * Long.BYTES);
        bits.asLongBuffer().put(words);
        return Digests.sha256(bits.array());
    }

    /** Fails naming the first layer whose mask differs from the driver's. */
    static void check(SameDiff sd, Map<String, String> expected, int worker) {
        Map<String, String> actual = of(sd);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            if (!e.getValue().equals(actual.get(e.getKey()))) {
                throw new IllegalStateException("mask " + e.getKey() + " differs on worker " + worker
                        + " from the driver's (sha256 " + actual.get(e.getKey()) + " vs " + e.getValue() + ")");
            }
        }
    }
}
