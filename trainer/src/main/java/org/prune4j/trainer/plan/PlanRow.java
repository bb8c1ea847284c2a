package org.prune4j.trainer.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scheduled values at one step.
 *
 * @param step            the optimizer step (updates applied so far)
 * @param learningRate    the learning rate of that step's update
 * @param target          the overall target sparsity of the selected weights
 * @param layerTargets    each selected weight's target, in graph order; null when one global threshold
 *                        decides them at each event
 * @param computeShare    the share of the pruned weights' training compute spent before this step
 *                        ({@code C(step) / C(steps)}, reference/algorithms.md §2.3)
 * @param event           {@code prune} or {@code release} at a pruning event, else empty
 * @param hyperparameters the scheduled mask hyperparameters by name ({@code maskllm.tau}, ...), in the
 *                        order the method lists them; empty for methods without any
 */
public record PlanRow(long step, double learningRate, double target, double[] layerTargets, double computeShare,
                      String event, Map<String, Double> hyperparameters) {

    public PlanRow {
        layerTargets = layerTargets == null ? null : layerTargets.clone();
        // not Map.copyOf, which would lose the column order
        hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    }

    @Override
    public double[] layerTargets() {
        return layerTargets == null ? null : layerTargets.clone();
    }
}
