package org.prune4j.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A worker's share of a round, already weighted so that results combine by addition: sums of
 * example-weighted gradients (synchronous SGD) or of parameters and optimizer state (local SGD),
 * example-weighted losses per step, the number of examples, and the slowest worker's compute time.
 * The driver adds results in worker order, whatever order they arrive in: float addition is not associative.
 */
final class WorkerResult implements Serializable {

    private static final long serialVersionUID = 1L;

    HashMap<String, INDArray> sums = new HashMap<>();
    /** Sums for pruned weights, packed with their masks: the pruned entries of their gradients are zero. */
    HashMap<String, PackedArray> packedSums = new HashMap<>();
    double[] weightedLosses;
    long examples;
    int workers;
    /** The longest time a worker spent in its local steps: the round's critical path through compute. */
    long computeNanos;

    WorkerResult() {
        // for Kryo and as the zero of the aggregation
    }

    WorkerResult(Map<String, INDArray> sums, Map<String, PackedArray> packedSums, double[] weightedLosses,
                 long examples, long computeNanos) {
        this.sums = new HashMap<>(sums);
        this.packedSums = new HashMap<>(packedSums);
        this.weightedLosses = weightedLosses;
        this.examples = examples;
        this.workers = 1;
        this.computeNanos = computeNanos;
    }

    /** Bytes of the arrays in this result, as they travel. */
    long bytes() {
        return sums.values().stream().mapToLong(a -> a.length() * a.dataType().width()).sum()
                + PackedArray.bytes(packedSums.values());
    }

    /** Bytes of the arrays in this result if nothing were packed. */
    long denseBytes() {
        return sums.values().stream().mapToLong(a -> a.length() * a.dataType().width()).sum()
                + packedSums.values().stream().mapToLong(PackedArray::denseBytes).sum();
    }

    /** Adds {@code other} into this result (in place) and returns this. */
    WorkerResult add(WorkerResult other) {
        if (other.workers == 0) {
            return this;
        }
        if (workers == 0) {
            return other;
        }
        other.sums.forEach((name, value) -> sums.merge(name, value, INDArray::addi));
        other.packedSums.forEach((name, value) -> packedSums.merge(name, value, PackedArray::addKept));
        for (int i = 0; i < weightedLosses.length; i++) {
            weightedLosses[i] += other.weightedLosses[i];
        }
        examples += other.examples;
        workers += other.workers;
        computeNanos = Math.max(computeNanos, other.computeNanos);
        return this;
    }
}
