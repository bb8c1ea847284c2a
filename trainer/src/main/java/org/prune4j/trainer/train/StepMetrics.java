package org.prune4j.trainer.train;

import java.util.List;

/**
 * One logged point of training: the mean loss over the steps since the previous point, the learning
 * rate and sparsity in effect, and the throughput.
 */
public record StepMetrics(
        long step, double loss, double learningRate, double targetSparsity, double sparsity,
        double samplesPerSecond, List<LayerSparsity> layers) {
}
