package org.prune4j.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the driver sends every worker for one round: the first step, the learning rate of every step of the
 * round, every array of the graph (weights and masks; a weight whose 0/1 mask is at least half zeros
 * travels packed, with its mask as a bitmask), the optimizer state (local SGD only; packed like its
 * weight where it can be), and a digest of
 * every mask, which each worker checks after loading.
 */
final class RoundState implements Serializable {

    private static final long serialVersionUID = 1L;

    long firstStep;
    double[] learningRates;
    HashMap<String, INDArray> arrays;
    HashMap<String, PackedArray> packed;
    HashMap<String, INDArray> optimizerState;
    /** Optimizer state of packed weights, packed like them (local SGD only; empty otherwise). */
    HashMap<String, PackedArray> packedOptimizerState;
    HashMap<String, String> maskDigests;

    RoundState() {
        // for Kryo
    }

    RoundState(long firstStep, double[] learningRates, Map<String, INDArray> arrays, Map<String, PackedArray> packed,
               Map<String, INDArray> optimizerState, Map<String, PackedArray> packedOptimizerState,
               Map<String, String> maskDigests) {
        this.firstStep = firstStep;
        this.learningRates = learningRates;
        this.arrays = new HashMap<>(arrays);
        this.packed = new HashMap<>(packed);
        this.optimizerState = optimizerState == null ? null : new HashMap<>(optimizerState);
        this.packedOptimizerState = new HashMap<>(packedOptimizerState);
        this.maskDigests = new HashMap<>(maskDigests);
    }

    int steps() {
        return learningRates.length;
    }
}
