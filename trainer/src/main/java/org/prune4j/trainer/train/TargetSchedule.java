package org.prune4j.trainer.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.masks.NmPattern;
import org.prune4j.masks.StepTargets;
import org.prune4j.schedules.GradualPruningSchedule;
import org.prune4j.schedules.Schedule;
import org.prune4j.trainer.model.PrunableWeight;
import org.prune4j.trainer.recipe.PruningSpec;

/**
 * The overall target sparsity of the selected weights as {@code pruning} asks for it, step by step:
 * the {@code pruning.schedule} ramp, with {@code begin == end} one shot at {@code end} (E1's one-shot
 * arms), or with {@code pruning.nm} the pattern's 1 - n/m from {@code begin} on. Shared by the
 * pruners, with the small conversions they all need.
 */
final class TargetSchedule {

    private final Schedule ramp;
    private final LongPredicate events;
    private final long begin;
    private final double last;
    private final NmPattern nm;

    TargetSchedule(PruningSpec spec) {
        var s = spec.schedule();
        double first = s.initialSparsity();
        this.last = spec.targetSparsity();
        this.begin = s.begin();
        long end = s.end();
        if (end == begin) {
            this.ramp = step -> step >= end ? last : first;
            this.events = step -> step == end;
        } else {
            GradualPruningSchedule gradual = new GradualPruningSchedule(first, last, begin, end, s.frequency(),
                    s.power());
            this.ramp = gradual;
            this.events = gradual::isPruningStep;
        }
        this.nm = spec.nm() == null ? null : new NmPattern(spec.nm().n(), spec.nm().m());
    }

    /** The sparsity asked of the selected weights at {@code step}. */
    double at(long step) {
        if (nm != null) {
            return step >= begin ? nm.sparsity() : 0.0;
        }
        return ramp.valueAt(step);
    }

    /** The target {@link #at} reaches at the end (for N:M, 1 - n/m). */
    double last() {
        return nm != null ? nm.sparsity() : last;
    }

    long begin() {
        return begin;
    }

    /** Whether the masks are due for recomputing at {@code step}. */
    boolean isEvent(long step) {
        return events.test(step);
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
