package org.prune4j.trainer.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.masks.NmPattern;
import org.prune4j.masks.StepTargets;
import org.prune4j.schedules.PruningSchedule;
import org.prune4j.schedules.allocation.Allocation;
import org.prune4j.trainer.model.PrunableWeight;
import org.prune4j.trainer.recipe.PruningSpec;

/**
 * The target sparsity of the selected weights as {@code pruning} asks for it, step by step: the events
 * of {@code pruning.schedule} (cubic, polynomial, geometric, SPDF, or with {@code end == begin} one
 * shot at {@code begin}), shared among the layers by the allocation, or with {@code pruning.nm} the
 * pattern's 1 - n/m from {@code begin} on (until an SPDF release). Shared by the pruners and the
 * planner, so a plan shows the targets training will use, with the small conversions the pruners
 * all need.
 */
public final class TargetSchedule {

    private final PruningSchedule schedule;
    private final long begin;
    private final double last;
    private final NmPattern nm;
    private final Allocation allocation;

    /** The spec's schedule must be resolved (see {@link PruningSpec#resolve}), as a loaded recipe's is. */
    public TargetSchedule(PruningSpec spec) {
        this.schedule = spec.schedule().toSchedule(spec.targetSparsity());
        this.begin = spec.schedule().begin();
        this.last = spec.targetSparsity();
        this.nm = spec.nm() == null ? null : new NmPattern(spec.nm().n(), spec.nm().m());
        this.allocation = spec.allocationKind();
    }

    /** The schedule whose events the masks follow. */
    public PruningSchedule schedule() {
        return schedule;
    }

    /** The sparsity asked of the selected weights together at {@code step}. */
    public double at(long step) {
        if (nm != null) {
            return step >= begin && !schedule.masksReleased(step) ? nm.sparsity() : 0.0;
        }
        return schedule.valueAt(step);
    }

    /**
     * The sparsity asked of each weight of these shapes at {@code step}, in their order: the
     * allocation's share of {@link #at}; under a global threshold (or N:M) every entry is {@link #at}.
     */
    public double[] layerTargets(long step, List<long[]> shapes) {
        return share(at(step), shapes);
    }

    /** The allocation's per-layer share of an overall target {@code overall}. */
    double[] share(double overall, List<long[]> shapes) {
        if (nm != null || !allocation.hasLayerTargets()) {
            double[] same = new double[shapes.size()];
            Arrays.fill(same, overall);
            return same;
        }
        return allocation.layerTargets(shapes, overall);
    }

    /** Whether one threshold over all selected weights decides the layer targets (allocation global). */
    boolean global() {
        return nm == null && !allocation.hasLayerTargets();
    }

    /** The target {@link #at} reaches at the end (for N:M, 1 - n/m). */
    double last() {
        return nm != null ? nm.sparsity() : last;
    }

    long begin() {
        return begin;
    }

    /** Whether the masks are due for recomputing (or releasing) at {@code step}. */
    boolean isEvent(long step) {
        return schedule.isPruningStep(step);
    }

    /** Whether the masks are set back to one from {@code step} on (SPDF). */
    boolean released(long step) {
        return schedule.masksReleased(step);
    }

    /** The N:M pattern, or null. */
    NmPattern nm() {
        return nm;
    }

    /** Per-weight targets, in the form a mask method takes them. */
    static StepTargets byName(long step, List<PrunableWeight> weights, double[] sparsity) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < weights.size(); i++) {
            out.put(weights.get(i).name(), sparsity[i]);
        }
        return new StepTargets(step, out);
    }

    /** {@code W * W_mask} of every weight: the magnitudes a global threshold compares. */
    static List<INDArray> effective(SameDiff sd, List<PrunableWeight> weights) {
        List<INDArray> out = new ArrayList<>(weights.size());
        for (PrunableWeight w : weights) {
            out.add(sd.getArrForVarName(w.name()).mul(sd.getArrForVarName(w.maskName())));
        }
        return out;
    }
}
