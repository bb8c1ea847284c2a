package org.prune4j.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A worker's share of a round, already weighted so that results combine by addition: sums of
 * example-weighted gradients (synchronous SGD) or of parameters and optimizer state (local SGD),
 * example-weighted losses per step, and the number of examples. Adding two results is associative
 * and commutative, as treeAggregate needs.
 */
final class WorkerResult implements Serializable {

    private static final long serialVersionUID = 1L;

    HashMap<String, INDArray> sums = new HashMap<>();
    double[] weightedLosses;
    long examples;
    int workers;

    WorkerResult() {
        // for Kryo and as the zero of the aggregation
    }

    WorkerResult(Map<String, INDArray> sums, double[] weightedLosses, long examples) {
        this.sums = new HashMap<>(sums);
        this.weightedLosses = weightedLosses;
        this.examples = examples;
        this.workers = 1;
    }

    /** Adds {@code other} into this result (in place, as treeAggregate allows) and returns this. */
    WorkerResult add(WorkerResult other) {
        if (other.workers == 0) {
            return this;
        }
        if (workers == 0) {
            return other;
        }
        other.sums.forEach((name, value) -> sums.merge(name, value, INDArray::addi));
        for (int i = 0; i < weightedLosses.length; i++) {
            weightedLosses[i] += other.weightedLosses[i];
        }
        examples += other.examples;
        workers += other.workers;
        return this;
    }
}
