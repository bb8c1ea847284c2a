package org.prune4j.spark;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.checkpoints.Digests;

/**
 * SHA-256 of every mask constant ({@code *_mask}) of a graph. Masks must be identical on every worker;
 * the driver sends its digests with each round and every worker checks its own after loading.
 */
final class MaskDigests {

    private MaskDigests() {
    }

    static Map<String, String> of(SameDiff sd) {
        Map<String, String> out = new TreeMap<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.CONSTANT && v.name().endsWith("_mask")) {
                INDArray mask = v.getArr().castTo(DataType.FLOAT).dup('c');
                ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(mask.length() * Float.BYTES));
                bytes.asFloatBuffer().put(mask.data().asNio().asFloatBuffer()); // in bulk, big-endian as ever
                out.put(v.name(), Digests.sha256(bytes.array()));
            }
        }
        return out;
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
