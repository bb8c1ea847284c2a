package org.prune4j.trainer.recipe;

import java.util.List;

/**
 * {@code pruning.maskllm:} the settings of MaskLLM, learnable Gumbel-softmax N:M masks
 * (reference/algorithms.md §4; the pattern is {@code pruning.nm}). The masks learn from
 * {@code schedule.begin} to {@code schedule.end}, where the arg-max masks are frozen into the weights.
 * Defaults are the official LLaMA-2 script's; the small-model values of E2 are in
 * {@code recipes/e2-maskllm-2of4.yaml}.
 *
 * @param tau                 Gumbel-softmax temperature, annealed in the spec's shape (default 4 → 0.05,
 *                            linear)
 * @param kappa               logit scale κ, annealed likewise (default 100 → 500, linear)
 * @param initStd             logits start from N(0, initStd²) (default 0.01; keep κ·initStd near 1-2)
 * @param prior               warm start from a one-shot N:M mask: {@code magnitude} (top-N |W|),
 *                            {@code wanda} (top-N |W|·‖x‖, x the layer input over
 *                            {@code calibrationBatches} training batches) or {@code none} (default
 *                            magnitude; none when {@code initFrom} is given)
 * @param priorStrength       α in {@code π += (overlap - N/2)·std(π)·α} (default 3)
 * @param calibrationBatches  wanda only: training batches that measure ‖x‖ (default 4)
 * @param regularizer         λ of the loss term {@code -λ·Σ‖sg(W) ⊙ M̃‖²}, which rewards kept weight
 *                            norm (default 1e-5)
 * @param regularizerDecay    {@code linear} (λ·(1 - progress), the LLM code) or {@code constant} (the 4V
 *                            port) (default linear)
 * @param maskLearningRate    peak learning rate of the logits; they follow the shape of
 *                            {@code train.lrSchedule} scaled by maskLearningRate / train.learningRate
 *                            (default 10 × train.learningRate, the official lr_mult)
 * @param maskWeightDecay     decoupled weight decay of the logits (default 0.1, the official script)
 * @param freezeWeights       mask-only mode: every other variable stays as it is (default true, the
 *                            paper's headline setting); false trains the weights too (joint mode)
 * @param initFrom            optional saved graph holding learned logits ({@code mask-logits.fb} or
 *                            {@code model.fb} of an earlier MaskLLM run): mask transfer
 */
public record MaskLlmSpec(
        AnnealSpec tau, AnnealSpec kappa, Double initStd, String prior, Double priorStrength,
        Integer calibrationBatches, Double regularizer, String regularizerDecay, Double maskLearningRate,
        Double maskWeightDecay, Boolean freezeWeights, String initFrom) {

    public static final List<String> PRIORS = List.of("magnitude", "wanda", "none");
    public static final List<String> DECAYS = List.of("linear", "constant");

    public MaskLlmSpec {
        tau = Rules.orDefault(tau, new AnnealSpec(4.0, 0.05));
        kappa = Rules.orDefault(kappa, new AnnealSpec(100.0, 500.0));
        initStd = Rules.orDefault(initStd, 0.01);
        if (!(initStd >= 0) || initStd.isInfinite()) {
            throw new RecipeException("initStd", "must be a finite number >= 0", initStd);
        }
        if (initFrom != null && prior != null && !prior.equals("none")) {
            throw new RecipeException("prior", "must be none (or left out) when initFrom gives the logits", prior);
        }
        Rules.oneOf("prior", prior = Rules.orDefault(prior, initFrom != null ? "none" : "magnitude"), PRIORS);
        priorStrength = Rules.orDefault(priorStrength, 3.0);
        if (!(priorStrength >= 0) || priorStrength.isInfinite()) {
            throw new RecipeException("priorStrength", "must be a finite number >= 0", priorStrength);
        }
        if (prior.equals("wanda")) {
            Rules.positive("calibrationBatches", calibrationBatches = Rules.orDefault(calibrationBatches, 4));
        } else if (calibrationBatches != null) {
            throw new RecipeException("calibrationBatches", "applies to prior wanda only", calibrationBatches);
        }
        regularizer = Rules.orDefault(regularizer, 1e-5);
        if (!(regularizer >= 0) || regularizer.isInfinite()) {
            throw new RecipeException("regularizer", "must be a finite number >= 0", regularizer);
        }
        Rules.oneOf("regularizerDecay", regularizerDecay = Rules.orDefault(regularizerDecay, "linear"), DECAYS);
        if (maskLearningRate != null) {
            Rules.positive("maskLearningRate", maskLearningRate);
        }
        maskWeightDecay = Rules.unitInterval("maskWeightDecay", Rules.orDefault(maskWeightDecay, 0.1));
        freezeWeights = Rules.orDefault(freezeWeights, true);
        if (initFrom != null && initFrom.isBlank()) {
            throw new RecipeException("initFrom", "must be a path to saved logits (or left out)", initFrom);
        }
    }

    /** The defaults. */
    static MaskLlmSpec defaults() {
        return new MaskLlmSpec(null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
