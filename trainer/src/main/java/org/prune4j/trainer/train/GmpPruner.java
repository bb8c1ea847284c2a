package org.prune4j.trainer.train;

import java.util.Arrays;
import java.util.List;
import org.nd4j.autodiff.samediff.SameDiff;
import org.prune4j.masks.MagnitudeMasks;
import org.prune4j.masks.MaskMethod;
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

    private final TargetSchedule schedule;
    private final List<PrunableWeight> weights;
    private final MaskMethod method;
    private final boolean global;

    public GmpPruner(PruningSpec spec, List<PrunableWeight> weights, MaskMethod method) {
        this.schedule = new TargetSchedule(spec);
        this.weights = List.copyOf(weights);
        this.method = method;
        this.global = spec.scope().equals("global");
    }

    /** The sparsity asked of the selected weights at {@code step}. */
    @Override
    public double targetAt(long step) {
        return schedule.at(step);
    }

    /** Recomputes the masks if {@code step} is a pruning event; returns whether it was. */
    @Override
    public boolean pruneIfDue(long step, SameDiff sd) {
        if (!schedule.isEvent(step)) {
            return false;
        }
        double target = targetAt(step);
        double[] layerTargets = new double[weights.size()];
        if (global) {
            layerTargets = MagnitudeMasks.globalSparsities(TargetSchedule.effective(sd, weights), target);
        } else {
            Arrays.fill(layerTargets, target);
        }
        method.update(sd, TargetSchedule.byName(step, weights, layerTargets));
        return true;
    }

    /** The sparsity of every selected weight now, measured on {@code W * mask}. */
    @Override
    public List<LayerSparsity> measure(long step, SameDiff sd) {
        double[] targets = new double[weights.size()];
        Arrays.fill(targets, targetAt(step));
        return Measurements.of(sd, weights, method.hardMasks(sd), targets, schedule.nm());
    }
}
