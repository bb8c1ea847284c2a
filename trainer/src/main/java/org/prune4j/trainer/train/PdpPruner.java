package org.prune4j.trainer.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.prune4j.masks.HostUpdates;
import org.prune4j.masks.MagnitudeMasks;
import org.prune4j.masks.MaskMethod;
import org.prune4j.trainer.model.PrunableWeight;
import org.prune4j.trainer.recipe.PruningSpec;

/**
 * Drives PDP (reference/algorithms.md §3.4, the E1 protocol of reference/pytorch-reference.md):
 * dense until {@code schedule.begin}; there each layer's final sparsity (its budget) is fixed, by one
 * global magnitude sort over the selected weights (allocation global), as the target itself (uniform)
 * or as its ERK share (erk); from then on, before every step, the {@link MaskMethod} (a
 * {@code PdpMask}) recomputes its thresholds for the layer targets {@code budget * s(step) / s_final},
 * where s follows {@code pruning.schedule} (cubic, polynomial or geometric, or one shot; type
 * polynomial with power 1 and frequency 1 gives the reference's linear ramp); at
 * {@code freezeAt} the hard masks replace the soft ones and stay frozen. N:M layers are at 1 - n/m
 * from {@code begin} on.
 *
 * <p>The budgets are fixed from the weights at {@code begin}, so a checkpoint carries them (with the
 * mask method's τ and phase): a resume after {@code begin} continues with the same budgets.
 */
public final class PdpPruner implements Pruner {

    private static final String BUDGETS = "pdp/budgets";

    private final TargetSchedule schedule;
    private final List<PrunableWeight> weights;
    private final List<long[]> shapes;
    private final MaskMethod method;
    private final long freezeAt;
    private double[] budgets;

    /**
     * @param trainSteps the run's length: the hard masks freeze at {@code pdp.freezeAt}, or at the last
     *                   step when it is not set
     */
    public PdpPruner(PruningSpec spec, List<PrunableWeight> weights, MaskMethod method, long trainSteps) {
        this.schedule = new TargetSchedule(spec);
        this.weights = List.copyOf(weights);
        this.shapes = this.weights.stream().map(PrunableWeight::shape).toList();
        this.method = method;
        this.freezeAt = spec.pdp().freezeAt() == null ? trainSteps : spec.pdp().freezeAt();
    }

    /** The sparsity asked of the selected weights together at {@code step}. */
    @Override
    public double targetAt(long step) {
        return schedule.at(step);
    }

    /** From {@code begin} to {@code freezeAt}: new thresholds before every step, hardening at the end. */
    @Override
    public boolean pruneIfDue(long step, SameDiff sd) {
        if (step < schedule.begin() || step > freezeAt) {
            return false;
        }
        if (budgets == null) {
            budgets = budgets(sd);
        }
        method.update(sd, TargetSchedule.byName(step, weights, layerTargets(step)));
        if (step == freezeAt) {
            method.harden(sd);
        }
        return true;
    }

    /** The sparsity of {@code W * hardMask} per layer: during the soft phase, of the mask m >= 0.5. */
    @Override
    public List<LayerSparsity> measure(long step, SameDiff sd) {
        return Measurements.of(sd, weights, method.hardMasks(sd), layerTargets(step), schedule.nm());
    }

    @Override
    public INDArray latent(SameDiff sd, String variable) {
        return method.latent(sd, variable);
    }

    @Override
    public void toLatentGradients(SameDiff sd, Map<String, INDArray> gradients, HostUpdates updates) {
        method.toLatentGradients(sd, gradients, updates);
    }

    @Override
    public void afterUpdate(SameDiff sd) {
        method.afterUpdate(sd);
    }

    /** The mask method's state, and {@code budgets} once they are fixed. */
    @Override
    public Map<String, INDArray> state(SameDiff sd) {
        Map<String, INDArray> out = new LinkedHashMap<>(method.state(sd));
        if (budgets != null) {
            out.put(BUDGETS, Nd4j.createFromArray(budgets));
        }
        return out;
    }

    @Override
    public void restore(SameDiff sd, Map<String, INDArray> state) {
        Map<String, INDArray> own = new LinkedHashMap<>(state);
        INDArray saved = own.remove(BUDGETS);
        if (saved != null && saved.length() != weights.size()) {
            throw new StateMismatchException("the checkpoint's PDP budgets are for " + saved.length()
                    + " layers, this run prunes " + weights.size());
        }
        method.restore(sd, own);
        budgets = saved == null ? null : saved.toDoubleVector();
    }

    /** Each layer's final sparsity, fixed at {@code begin}: by one global sort, or the allocation's share. */
    private double[] budgets(SameDiff sd) {
        if (schedule.global()) {
            return MagnitudeMasks.globalSparsities(TargetSchedule.effective(sd, weights), schedule.last());
        }
        return schedule.share(schedule.last(), shapes);
    }

    /** {@code budget * s(step) / s_final} per layer; all zero before {@code begin}. */
    private double[] layerTargets(long step) {
        double[] out = new double[weights.size()];
        if (budgets == null) {
            return out;
        }
        double last = schedule.last();
        double progress = last == 0 ? 1.0 : Math.min(1.0, targetAt(step) / last);
        for (int i = 0; i < out.length; i++) {
            out[i] = budgets[i] * progress;
        }
        return out;
    }
}
