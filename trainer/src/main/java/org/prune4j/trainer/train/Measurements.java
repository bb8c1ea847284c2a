package org.prune4j.trainer.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.masks.MagnitudeMasks;
import org.prune4j.masks.NmPattern;
import org.prune4j.trainer.model.PrunableWeight;

/** Per-layer sparsity of {@code W * hardMask}, the measure every pruner reports. */
final class Measurements {

    private Measurements() {
    }

    /**
     * One row per weight: exact zeros of {@code W * hardMasks[w]}, the layer's target, and its N:M
     * violations when {@code nm} is set.
     */
    static List<LayerSparsity> of(SameDiff sd, List<PrunableWeight> weights, Map<String, INDArray> hardMasks,
                                  double[] targets, NmPattern nm) {
        List<LayerSparsity> out = new ArrayList<>(weights.size());
        for (int i = 0; i < weights.size(); i++) {
            PrunableWeight w = weights.get(i);
            INDArray effective = sd.getArrForVarName(w.name()).mul(hardMasks.get(w.name()));
            long violations = nm == null ? 0 : nm.violations(effective);
            out.add(new LayerSparsity(w.name(), w.size(), MagnitudeMasks.zeros(effective), targets[i], violations));
        }
        return out;
    }
}
