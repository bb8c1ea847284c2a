package org.prune4j.trainer.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.masks.MagnitudeMasks;
import org.prune4j.masks.MaskMethod;
import org.prune4j.masks.NmPattern;
import org.prune4j.masks.StepTargets;
import org.prune4j.schedules.GradualPruningSchedule;
import org.prune4j.trainer.model.PrunableWeight;
import org.prune4j.trainer.recipe.PruningSpec;

/**
 * Gradual magnitude pruning (Zhu &amp; Gupta): at every pruning event of the cubic schedule, hands
 * each selected weight's target to its {@link MaskMethod} (a {@code MagnitudeMask}), which recomputes
 * the mask from {@code |W * mask|} (so pruned weights stay pruned) and zeroes the pruned weights.
 * Layer-wise, global (per-layer targets from one threshold over {@code |W * mask|} of all selected
 * weights), or N:M per group.
 */
public final class GmpPruner implements Pruner {

    private final GradualPruningSchedule schedule;
    private final List<PrunableWeight> weights;
    private final MaskMethod method;
    private final boolean global;
    private final NmPattern nm;

    public GmpPruner(PruningSpec spec, List<PrunableWeight> weights, MaskMethod method) {
        var s = spec.schedule();
        this.schedule = new GradualPruningSchedule(s.initialSparsity(), spec.targetSparsity(), s.begin(), s.end(),
                s.frequency(), s.power());
        this.weights = List.copyOf(weights);
        this.method = method;
        this.global = spec.scope().equals("global");
        this.nm = spec.nm() == null ? null : new NmPattern(spec.nm().n(), spec.nm().m());
    }

    /** The sparsity asked of the selected weights at {@code step}. */
    @Override
    public double targetAt(long step) {
        if (nm != null) {
            return step >= schedule.begin() ? nm.sparsity() : 0.0;
        }
        return schedule.valueAt(step);
    }

    /** Recomputes the masks if {@code step} is a pruning event; returns whether it was. */
    @Override
    public boolean pruneIfDue(long step, SameDiff sd) {
        if (!schedule.isPruningStep(step)) {
            return false;
        }
        double target = targetAt(step);
        double[] layerTargets = new double[weights.size()];
        if (global) {
            List<INDArray> scores = new ArrayList<>(weights.size());
            for (PrunableWeight w : weights) {
                scores.add(sd.getArrForVarName(w.name()).mul(sd.getArrForVarName(w.maskName())));
            }
            layerTargets = MagnitudeMasks.globalSparsities(scores, target);
        } else {
            Arrays.fill(layerTargets, target);
        }
        Map<String, Double> targets = new LinkedHashMap<>();
        for (int i = 0; i < weights.size(); i++) {
            targets.put(weights.get(i).name(), layerTargets[i]);
        }
        method.update(sd, new StepTargets(step, targets));
        return true;
    }

    /** The sparsity of every selected weight now, measured on {@code W * mask}. */
    @Override
    public List<LayerSparsity> measure(long step, SameDiff sd) {
        double[] targets = new double[weights.size()];
        Arrays.fill(targets, targetAt(step));
        return Measurements.of(sd, weights, method.hardMasks(sd), targets, nm);
    }
}
