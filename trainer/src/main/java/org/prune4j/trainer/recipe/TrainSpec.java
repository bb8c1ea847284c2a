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
        String frozen) {

    public static final List<String> OPTIMIZERS = List.of("adam", "sgd");
    public static final List<String> LR_SCHEDULES = List.of("constant", "cosine");

    public TrainSpec {
        Rules.positive("steps", Rules.required("steps", steps));
        Rules.positive("batchSize", batchSize = Rules.orDefault(batchSize, 128));
        Rules.oneOf("optimizer", optimizer = Rules.orDefault(optimizer, "adam"), OPTIMIZERS);
        Rules.positive("learningRate", learningRate = Rules.orDefault(learningRate, 1e-3));
        if (optimizer.equals("sgd")) {
            momentum = Rules.orDefault(momentum, 0.9);
            if (!(momentum >= 0 && momentum < 1)) {
                throw new RecipeException("momentum", "must be in [0, 1)", momentum);
            }
        } else if (momentum != null) {
            throw new RecipeException("momentum", "applies to optimizer sgd only", momentum);
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
