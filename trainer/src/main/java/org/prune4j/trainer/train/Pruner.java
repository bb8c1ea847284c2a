package org.prune4j.trainer.train;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.masks.HostUpdates;

/** What the training loop asks of a pruning method each step. */
public interface Pruner {

    /** No pruning: a dense run. */
    Pruner NONE = new Pruner() {
        @Override
        public double targetAt(long step) {
            return 0;
        }

        @Override
        public boolean pruneIfDue(long step, SameDiff sd) {
            return false;
        }

        @Override
        public List<LayerSparsity> measure(long step, SameDiff sd) {
            return List.of();
        }
    };

    /** The sparsity asked of the selected weights at {@code step}. */
    double targetAt(long step);

    /** Updates the masks in {@code sd} if {@code step} calls for it; returns whether it did. */
    boolean pruneIfDue(long step, SameDiff sd);

    /** Per-layer sparsity now. */
    List<LayerSparsity> measure(long step, SameDiff sd);

    /**
     * Variables this method trains differently (its own parameters at their own learning rate) or
     * not at all (weights frozen in a mask-only method); none by default.
     */
    default List<ParameterGroup> parameterGroups() {
        return List.of();
    }

    /**
     * The array the optimizer updates for {@code variable} in place of the graph's (PDP's and MaskLLM's
     * latent weight, while the variable holds the effective weight); null for the graph's own, the default.
     */
    default INDArray latent(SameDiff sd, String variable) {
        return null;
    }

    /** See {@link org.prune4j.masks.MaskMethod#graphGradientsNeeded}: none by default. */
    default List<String> graphGradientsNeeded() {
        return List.of();
    }

    /** See {@link org.prune4j.masks.MaskMethod#hostGradients}: none by default. */
    default List<String> hostGradients() {
        return List.of();
    }

    /** Turns gradients with respect to the graph's variables into those of what the optimizer updates, in place. */
    default void toLatentGradients(SameDiff sd, Map<String, INDArray> gradients, HostUpdates updates) {
    }

    /**
     * After every optimizer update: a hardened PDP or MaskLLM brings its variables up to date with their
     * latent weights (a soft one does so in the {@link #pruneIfDue} that precedes every step).
     */
    default void afterUpdate(SameDiff sd) {
    }

    /**
     * What this pruner and its mask method hold outside the graph's arrays (PDP's layer budgets and τ,
     * MaskLLM's phase), as copies, for a checkpoint; none by default (GMP's masks are graph constants).
     */
    default Map<String, INDArray> state(SameDiff sd) {
        return Map.of();
    }

    /**
     * Puts back what {@link #state} returned, after the graph's arrays are restored.
     *
     * @throws IllegalArgumentException when an entry this pruner needs is missing or malformed (the checkpoint
     *                                  reader turns it into a StateMismatchException)
     */
    default void restore(SameDiff sd, Map<String, INDArray> state) {
    }
}
