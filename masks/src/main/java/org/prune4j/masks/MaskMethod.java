package org.prune4j.masks;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A way of masking prunable weights while a SameDiff model trains: the plug-in interface every mask
 * method (magnitude/GMP, PDP, and later MaskLLM and L0 gates) implements.
 *
 * <p>One instance masks many weights of one graph, because some decisions (a global threshold,
 * budgets shared between layers) look at all of them together. Every method keeps, for each weight
 * {@code X}, a graph constant {@code X_mask} holding its hard 0/1 mask (all ones until something is
 * pruned); the effective weight equals {@code X * X_mask} whenever the method is hard, so measuring,
 * exporting and baking work the same for every method. While a method is soft, the effective weight
 * is its own (PDP: {@code W * m(W)}).
 *
 * <p>Scheduled values (target sparsity, and for later methods temperatures or noise seeds) arrive as
 * plain numbers in {@link StepTargets}: this module knows nothing of schedules, so every method can
 * be tested and gradient-checked with fixed values.
 *
 * <p>Order of use:
 * <ol>
 *   <li>Construct it; the configuration is validated in the constructor.</li>
 *   <li>While the model graph is built, for every weight it masks: {@link #validate} the weight's
 *       shape, then {@link #apply} it and use the returned variable in place of the weight.</li>
 *   <li>Once the graph is complete: add every {@link #lossTerms()} variable to the loss.</li>
 *   <li>Before an optimizer step: {@link #update} with the scheduled values of that step. A method
 *       whose masks change only at pruning events (magnitude) is updated at those events; a method
 *       whose soft mask follows the weights (PDP) is updated before every step.</li>
 *   <li>After the step's gradients: {@link #toLatentGradients}; the optimizer then updates
 *       {@link #latent} where a method has one (PDP's entry masks, which write the effective weight into
 *       the variable), else the variable; then {@link #afterUpdate}.</li>
 *   <li>Optionally, once: {@link #harden}. The masks are then hard and frozen, and {@link #update}
 *       is refused.</li>
 * </ol>
 * {@link #hardMasks} may be read, and {@link #state} saved or {@link #restore}d, at any point after
 * step 2, between updates. The misuses a method can see (applying a weight twice, updating after
 * {@link #harden}, hardening a soft method before its first update) throw {@link IllegalStateException}.
 */
public interface MaskMethod {

    /** The name of the hard-mask constant every method keeps for {@code weight}: {@code weight + "_mask"}. */
    static String hardMaskName(String weight) {
        return weight + HardMask.SUFFIX;
    }

    /**
     * Checks that this method can mask a weight of this shape.
     *
     * @throws IllegalArgumentException naming the weight, the rule and the value, e.g. an N:M group
     *                                  size that does not divide the input dimension
     */
    void validate(String weight, long[] shape);

    /**
     * Adds this method's mask ops for one weight to the graph, including the constant
     * {@code weight + "_mask"}, and returns the effective weight to use in its place.
     *
     * @throws IllegalStateException if this weight was applied before
     */
    SDVariable apply(SameDiff sd, SDVariable weight);

    /**
     * Scalar variables, created by {@link #apply}, that belong in the training loss (a sparsity
     * penalty, for instance). Magnitude pruning and PDP have none.
     */
    default List<SDVariable> lossTerms() {
        return List.of();
    }

    /**
     * The host-side work before an optimizer step: recompute masks, thresholds or temperatures from
     * the current weights and the step's scheduled values, and write them into the graph.
     *
     * @throws IllegalArgumentException if {@code targets} lacks one of this method's weights
     * @throws IllegalStateException    after {@link #harden}
     */
    void update(SameDiff sd, StepTargets targets);

    /**
     * The array the optimizer must update for {@code weight} in place of its graph variable, for a method
     * that writes the effective weight into the variable itself (PDP's entry masks and MaskLLM, computed
     * on the host); null while the variable is the weight (every other method, and PDP before it starts).
     */
    default INDArray latent(SameDiff sd, String weight) {
        return null;
    }

    /**
     * Variables whose gradients {@link #toLatentGradients} needs from the graph though the optimizer may
     * not train them (MaskLLM's weights, frozen in mask-only mode); none by default.
     */
    default List<String> graphGradientsNeeded() {
        return List.of();
    }

    /**
     * Trained variables no graph op reads, whose gradients {@link #toLatentGradients} computes on the host
     * (MaskLLM's logits): not to be asked of the graph; none by default.
     */
    default List<String> hostGradients() {
        return List.of();
    }

    /**
     * Turns the gradients of the graph's variables into the gradients of what the optimizer updates
     * ({@link #latent}) and of the {@link #hostGradients}, in place, consuming the {@link #graphGradientsNeeded}:
     * the chain rule through a mask computed on the host. A host gradient whose step {@code updates} offers
     * may be applied through it instead, and then left out of the map. Nothing for methods whose masks are
     * graph ops.
     */
    default void toLatentGradients(SameDiff sd, Map<String, INDArray> gradients, HostUpdates updates) {
    }

    /**
     * After every optimizer update. A hardened PDP brings its variables up to date with their
     * {@link #latent} weights here; a soft one does so at its next {@link #update}, which must come before
     * the next step's gradients (the training loop updates a soft method before every step).
     */
    default void afterUpdate(SameDiff sd) {
    }

    /**
     * Freezes the masks: from now on every effective weight is {@code W * hardMask}, the pruned
     * weights are zeroed, and further updates are refused. For a method whose masks are already hard
     * this only freezes them.
     */
    void harden(SameDiff sd);

    /**
     * The exact 0/1 mask of every weight this method masks, by weight name, in the order they were
     * applied: what {@link #harden} would freeze now. Counts are exact (ties broken by index).
     */
    Map<String, INDArray> hardMasks(SameDiff sd);

    /**
     * Everything this method needs to continue exactly after a restart, as named arrays (copies),
     * including the graph constants it owns.
     */
    Map<String, INDArray> state(SameDiff sd);

    /**
     * Puts back what {@link #state} returned, into a graph built the same way.
     *
     * @throws IllegalArgumentException if an array is missing or has another shape
     */
    void restore(SameDiff sd, Map<String, INDArray> state);
}
