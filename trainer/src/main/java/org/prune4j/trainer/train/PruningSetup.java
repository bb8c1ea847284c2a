package org.prune4j.trainer.train;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.prune4j.masks.Channels;
import org.prune4j.masks.MagnitudeMask;
import org.prune4j.masks.MaskLlmMask;
import org.prune4j.masks.MaskMethod;
import org.prune4j.masks.NmPattern;
import org.prune4j.masks.PdpMask;
import org.prune4j.masks.PdpTemperature;
import org.prune4j.masks.Structure;
import org.prune4j.masks.Unstructured;
import org.prune4j.schedules.allocation.LayerSelection;
import org.prune4j.trainer.model.Masking;
import org.prune4j.trainer.model.PrunableWeight;
import org.prune4j.trainer.recipe.GraphChecks;
import org.prune4j.trainer.recipe.PdpSpec;
import org.prune4j.trainer.recipe.PruningSpec;

/**
 * What a recipe's {@code pruning} section turns into: the {@link MaskMethod}, the {@link Masking}
 * that puts it on the selected weights while the model is built (the others get fixed all-ones
 * masks), and the {@link Pruner} that drives it during training.
 */
public final class PruningSetup {

    private final PruningSpec spec;
    private final MaskMethod method;

    private PruningSetup(PruningSpec spec, MaskMethod method) {
        this.spec = spec;
        this.method = method;
    }

    /** The method {@code pruning.method} names, configured from the section; {@code seed} is the run's. */
    public static PruningSetup of(PruningSpec spec, long seed) {
        NmPattern nm = spec.nm() == null ? null : new NmPattern(spec.nm().n(), spec.nm().m());
        MaskMethod method = switch (spec.method()) {
            case "none" -> null;
            case "gmp" -> new MagnitudeMask(nm != null ? nm : new Unstructured());
            case "pdp" -> new PdpMask(structure(spec.pdp(), nm), temperature(spec.pdp()));
            case "maskllm" -> new MaskLlmMask(nm, spec.maskllm().initStd(), seed);
            default -> throw new IllegalArgumentException("unknown pruning method " + spec.method());
        };
        return new PruningSetup(spec, method);
    }

    /**
     * The masking for the model builder: the method on every weight {@code pruning.weights} matches and
     * {@code pruning.exclude} does not, after the recipe checks of that weight, and a fixed all-ones mask
     * on the others.
     *
     * @throws org.prune4j.trainer.recipe.RecipeException (from the builder) for a selected weight the
     *                                                    recipe cannot prune
     */
    public Masking masking() {
        Masking unpruned = Masking.none();
        if (method == null) {
            return unpruned;
        }
        LayerSelection selected = spec.selection();
        return (weight, shape) -> {
            if (!selected.selects(weight)) {
                return unpruned.methodFor(weight, shape);
            }
            GraphChecks.checkSelected(spec, new PrunableWeight(weight, MaskMethod.hardMaskName(weight), shape));
            return method;
        };
    }

    /**
     * The pruner for the selected weights of the built model, over a run of {@code trainSteps} at peak
     * learning rate {@code learningRate}; {@code calibration} serves a wanda prior (null otherwise).
     */
    public Pruner pruner(List<PrunableWeight> selected, long trainSteps, double learningRate, InputNorms calibration) {
        return switch (spec.method()) {
            case "gmp" -> new GmpPruner(spec, selected, method);
            case "pdp" -> new PdpPruner(spec, selected, method, trainSteps);
            case "maskllm" -> new MaskLlmPruner(spec, selected, (MaskLlmMask) method, learningRate, calibration);
            default -> Pruner.NONE;
        };
    }

    /** The mask method {@code pruning.method} names (null for none). */
    public MaskMethod method() {
        return method;
    }

    /** The method's extra loss terms (MaskLLM's regularisers; none for magnitude pruning and PDP). */
    public List<SDVariable> lossTerms() {
        return method == null ? List.of() : method.lossTerms();
    }

    private static Structure structure(PdpSpec pdp, NmPattern nm) {
        return switch (pdp.structure()) {
            case "nm" -> nm;
            case "channel" -> new Channels();
            default -> new Unstructured();
        };
    }

    private static PdpTemperature temperature(PdpSpec pdp) {
        return pdp.tau() != null ? PdpTemperature.fixed(pdp.tau()) : PdpTemperature.scaled(pdp.tauScale());
    }
}
