package org.prune4j.trainer.train;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.masks.MagnitudeMasks;
import org.prune4j.masks.NmPattern;
import org.prune4j.schedules.GradualPruningSchedule;
import org.prune4j.trainer.model.PrunableWeight;
import org.prune4j.trainer.recipe.PruningSpec;

/**
 * Gradual magnitude pruning (Zhu &amp; Gupta): at every pruning event of the cubic schedule, recompute
 * each selected weight's mask from {@code |W * mask|} (so pruned weights stay pruned), write it into
 * the graph's mask constant and zero the pruned weights. Layer-wise, global, or N:M per group.
 */
public final class GmpPruner implements Pruner {

    private final GradualPruningSchedule schedule;
    private final List<PrunableWeight> weights;
    private final boolean global;
    private final NmPattern nm;

    public GmpPruner(PruningSpec spec, List<PrunableWeight> weights) {
        var s = spec.schedule();
        this.schedule = new GradualPruningSchedule(s.initialSparsity(), spec.targetSparsity(), s.begin(), s.end(),
                s.frequency(), s.power());
        this.weights = List.copyOf(weights);
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
        List<INDArray> scores = new ArrayList<>(weights.size());
        for (PrunableWeight w : weights) {
            scores.add(sd.getArrForVarName(w.name()).mul(sd.getArrForVarName(w.maskName())));
        }
        double target = targetAt(step);
        List<INDArray> masks;
        if (nm != null) {
            masks = scores.stream().map(nm::magnitudeMask).toList();
        } else if (global) {
            masks = MagnitudeMasks.globalMasks(scores, target);
        } else {
            masks = scores.stream().map(score -> MagnitudeMasks.layerMask(score, target)).toList();
        }
        for (int i = 0; i < weights.size(); i++) {
            PrunableWeight w = weights.get(i);
            sd.getArrForVarName(w.maskName()).assign(masks.get(i));
            sd.getArrForVarName(w.name()).muli(masks.get(i));
        }
        return true;
    }

    /** The sparsity of every selected weight now, measured on {@code W * mask}. */
    @Override
    public List<LayerSparsity> measure(long step, SameDiff sd) {
        double target = targetAt(step);
        List<LayerSparsity> out = new ArrayList<>(weights.size());
        for (PrunableWeight w : weights) {
            INDArray effective = sd.getArrForVarName(w.name()).mul(sd.getArrForVarName(w.maskName()));
            long violations = nm == null ? 0 : nm.violations(effective);
            out.add(new LayerSparsity(w.name(), w.size(), MagnitudeMasks.zeros(effective), target, violations));
        }
        return out;
    }
}
