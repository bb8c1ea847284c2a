package org.prune4j.trainer.train;

import java.util.List;
import org.nd4j.autodiff.samediff.SameDiff;
import org.prune4j.masks.MagnitudeMasks;
import org.prune4j.masks.MaskMethod;
import org.prune4j.trainer.model.PrunableWeight;
import org.prune4j.trainer.recipe.PruningSpec;

/**
 * Gradual magnitude pruning: at every pruning event of the recipe's schedule (Zhu &amp; Gupta cubic,
 * polynomial, Journey geometric, SPDF or one shot), hands each selected weight's target to its
 * {@link MaskMethod} (a {@code MagnitudeMask}), which recomputes the mask from {@code |W * mask|} (so
 * pruned weights stay pruned) and zeroes the pruned weights; at an SPDF release, sets every mask back
 * to one. Per-layer targets follow the allocation (uniform or ERK), or one global threshold over
 * {@code |W * mask|} of all selected weights decides them, or N:M per group.
 */
public final class GmpPruner implements Pruner {

    private final TargetSchedule schedule;
    private final List<PrunableWeight> weights;
    private final List<long[]> shapes;
    private final MaskMethod method;

    /** The spec's schedule must be resolved (see {@link PruningSpec#resolve}), as a loaded recipe's is. */
    public GmpPruner(PruningSpec spec, List<PrunableWeight> weights, MaskMethod method) {
        this.schedule = new TargetSchedule(spec);
        this.weights = List.copyOf(weights);
        this.shapes = this.weights.stream().map(PrunableWeight::shape).toList();
        this.method = method;
    }

    /** The sparsity asked of the selected weights at {@code step}. */
    @Override
    public double targetAt(long step) {
        return schedule.at(step);
    }

    /**
     * Recomputes (or releases) the masks if {@code step} is a pruning event; returns whether it was.
     * A release writes ones into the hard-mask constants, which are all the state a magnitude mask has.
     */
    @Override
    public boolean pruneIfDue(long step, SameDiff sd) {
        if (!schedule.isEvent(step)) {
            return false;
        }
        if (schedule.released(step)) {
            weights.forEach(w -> sd.getArrForVarName(w.maskName()).assign(1));
            return true;
        }
        double[] layerTargets = schedule.global()
                ? MagnitudeMasks.globalSparsities(TargetSchedule.effective(sd, weights), targetAt(step))
                : schedule.layerTargets(step, shapes);
        method.update(sd, TargetSchedule.byName(step, weights, layerTargets));
        return true;
    }

    /** The sparsity of every selected weight now, measured on {@code W * mask}. */
    @Override
    public List<LayerSparsity> measure(long step, SameDiff sd) {
        return Measurements.of(sd, weights, method.hardMasks(sd), schedule.layerTargets(step, shapes), schedule.nm());
    }
}
