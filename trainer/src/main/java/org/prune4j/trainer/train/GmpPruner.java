package org.prune4j.trainer.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.masks.MagnitudeMasks;
import org.prune4j.masks.NmPattern;
import org.prune4j.schedules.PruningSchedule;
import org.prune4j.schedules.allocation.Allocation;
import org.prune4j.trainer.model.PrunableWeight;
import org.prune4j.trainer.recipe.PruningSpec;

/**
 * Gradual magnitude pruning: at every pruning event of the recipe's schedule (Zhu &amp; Gupta cubic,
 * polynomial, Journey geometric or SPDF), recompute each selected weight's mask from
 * {@code |W * mask|} (so pruned weights stay pruned), write it into the graph's mask constant and zero
 * the pruned weights; at an SPDF release, set every mask back to one. Per-layer targets follow the
 * allocation (uniform or ERK), or one global threshold decides them, or N:M per group.
 */
public final class GmpPruner implements Pruner {

    private final PruningSchedule schedule;
    private final long begin;
    private final List<PrunableWeight> weights;
    private final List<long[]> shapes;
    private final Allocation allocation;
    private final NmPattern nm;

    /** The spec's schedule must be resolved (see {@link PruningSpec#resolve}), as a loaded recipe's is. */
    public GmpPruner(PruningSpec spec, List<PrunableWeight> weights) {
        this.schedule = spec.schedule().toSchedule(spec.targetSparsity());
        this.begin = spec.schedule().begin();
        this.weights = List.copyOf(weights);
        this.shapes = this.weights.stream().map(PrunableWeight::shape).toList();
        this.allocation = spec.allocationKind();
        this.nm = spec.nm() == null ? null : new NmPattern(spec.nm().n(), spec.nm().m());
    }

    /** The schedule whose events this pruner follows. */
    public PruningSchedule schedule() {
        return schedule;
    }

    /** The sparsity asked of the selected weights at {@code step}. */
    @Override
    public double targetAt(long step) {
        if (nm != null) {
            return step >= begin && !schedule.masksReleased(step) ? nm.sparsity() : 0.0;
        }
        return schedule.valueAt(step);
    }

    /**
     * The sparsity asked of each selected weight at {@code step}, in their order; under a global
     * threshold only the overall target is known in advance, and every entry is that.
     */
    public double[] layerTargetsAt(long step) {
        double overall = targetAt(step);
        if (nm != null || !allocation.hasLayerTargets()) {
            double[] same = new double[weights.size()];
            Arrays.fill(same, overall);
            return same;
        }
        return allocation.layerTargets(shapes, overall);
    }

    /** Recomputes (or releases) the masks if {@code step} is a pruning event; returns whether it was. */
    @Override
    public boolean pruneIfDue(long step, SameDiff sd) {
        if (!schedule.isPruningStep(step)) {
            return false;
        }
        if (schedule.masksReleased(step)) {
            weights.forEach(w -> sd.getArrForVarName(w.maskName()).assign(1));
            return true;
        }
        List<INDArray> scores = new ArrayList<>(weights.size());
        for (PrunableWeight w : weights) {
            scores.add(sd.getArrForVarName(w.name()).mul(sd.getArrForVarName(w.maskName())));
        }
        List<INDArray> masks;
        if (nm != null) {
            masks = scores.stream().map(nm::magnitudeMask).toList();
        } else if (!allocation.hasLayerTargets()) {
            masks = MagnitudeMasks.globalMasks(scores, targetAt(step));
        } else {
            double[] targets = layerTargetsAt(step);
            masks = new ArrayList<>(weights.size());
            for (int i = 0; i < weights.size(); i++) {
                masks.add(MagnitudeMasks.layerMask(scores.get(i), targets[i]));
            }
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
        double[] targets = layerTargetsAt(step);
        List<LayerSparsity> out = new ArrayList<>(weights.size());
        for (int i = 0; i < weights.size(); i++) {
            PrunableWeight w = weights.get(i);
            INDArray effective = sd.getArrForVarName(w.name()).mul(sd.getArrForVarName(w.maskName()));
            long violations = nm == null ? 0 : nm.violations(effective);
            out.add(new LayerSparsity(w.name(), w.size(), MagnitudeMasks.zeros(effective), targets[i], violations));
        }
        return out;
    }
}
