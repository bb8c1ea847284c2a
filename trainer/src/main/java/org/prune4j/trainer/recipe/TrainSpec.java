package org.prune4j.trainer.recipe;

import java.util.List;

/**
 * {@code train:} the optimisation, counted in optimizer steps.
 *
 * @param steps           number of optimizer steps (required)
 * @param batchSize       examples (images, or windows of {@code context} bytes) per step (default 128)
 * @param optimizer       {@code adam} or {@code sgd} (with Nesterov momentum) (default adam)
 * @param learningRate    peak learning rate (default 1e-3)
 * @param momentum        sgd only (default 0.9)
 * @param beta1           adam only: decay of the first moment (default 0.9)
 * @param beta2           adam only: decay of the second moment (default 0.999)
 * @param weightDecay     decoupled (AdamW-style) weight decay of every trained variable that no
 *                        pruner group claims: {@code p -= lr × weightDecay × p} before each update
 *                        (default 0)
 * @param gradientClip    largest global L2 norm of the gradients; a larger one is scaled down to it
 *                        (as PyTorch's {@code clip_grad_norm_}) (default none)
 * @param lrSchedule      {@code constant} or {@code cosine} (linear warm-up, then half cosine to
 *                        {@code minLearningRate} at the last step) (default constant)
 * @param warmupSteps     cosine only (default 0)
 * @param minLearningRate cosine only (default 0)
 * @param evalEvery       steps between validation passes (default steps / 5); always once at the end
 * @param logEvery        steps between metrics lines (default 50)
 * @param frozen          optional regular expression of variable names that are not trained (matched
 *                        against whole names such as {@code block0/attn/q/W}; {@code .*} freezes every
 *                        variable, which makes a one-shot pruning run an evaluation of the pruned model)
 */
public record TrainSpec(
        Integer steps, Integer batchSize, String optimizer, Double learningRate, Double momentum,
        String lrSchedule, Integer warmupSteps, Double minLearningRate, Integer evalEvery, Integer logEvery,
        String frozen, Double beta1, Double beta2, Double weightDecay, Double gradientClip) {

    public static final List<String> OPTIMIZERS = List.of("adam", "sgd");
    public static final List<String> LR_SCHEDULES = List.of("constant", "cosine");

    public TrainSpec {
        Rules.positive("steps", Rules.required("steps", steps));
        Rules.positive("batchSize", batchSize = Rules.orDefault(batchSize, 128));
        Rules.oneOf("optimizer", optimizer = Rules.orDefault(optimizer, "adam"), OPTIMIZERS);
        Rules.positive("learningRate", learningRate = Rules.orDefault(learningRate, 1e-3));
        if (optimizer.equals("sgd")) {
            momentum = Rules.unitInterval("momentum", Rules.orDefault(momentum, 0.9));
        } else if (momentum != null) {
            throw new RecipeException("momentum", "applies to optimizer sgd only", momentum);
        }
        if (optimizer.equals("adam")) {
            beta1 = Rules.unitInterval("beta1", Rules.orDefault(beta1, 0.9));
            beta2 = Rules.unitInterval("beta2", Rules.orDefault(beta2, 0.999));
        } else if (beta1 != null || beta2 != null) {
            throw new RecipeException(beta1 != null ? "beta1" : "beta2", "applies to optimizer adam only",
                    beta1 != null ? beta1 : beta2);
        }
        weightDecay = Rules.unitInterval("weightDecay", Rules.orDefault(weightDecay, 0.0));
        if (gradientClip != null) {
            Rules.positive("gradientClip", gradientClip);
        }
        Rules.oneOf("lrSchedule", lrSchedule = Rules.orDefault(lrSchedule, "constant"), LR_SCHEDULES);
        if (lrSchedule.equals("cosine")) {
            Rules.nonNegative("warmupSteps", warmupSteps = Rules.orDefault(warmupSteps, 0));
            if (warmupSteps >= steps) {
                throw new RecipeException("warmupSteps", "must be < steps=" + steps, warmupSteps);
            }
            minLearningRate = Rules.orDefault(minLearningRate, 0.0);
            if (!(minLearningRate >= 0 && minLearningRate <= learningRate)) {
                throw new RecipeException("minLearningRate", "must be in [0, learningRate=" + learningRate + "]",
                        minLearningRate);
            }
        } else if (warmupSteps != null || minLearningRate != null) {
            throw new RecipeException(warmupSteps != null ? "warmupSteps" : "minLearningRate",
                    "applies to lrSchedule cosine only", warmupSteps != null ? warmupSteps : minLearningRate);
        }
        Rules.positive("evalEvery", evalEvery = Rules.orDefault(evalEvery, Math.max(1, steps / 5)));
        Rules.positive("logEvery", logEvery = Rules.orDefault(logEvery, 50));
        if (frozen != null) {
            Rules.regex("frozen", frozen);
        }
    }
}
