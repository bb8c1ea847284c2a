package org.prune4j.trainer.recipe;

import java.util.regex.Pattern;

/**
 * A training run as data: the model, the data, the optimisation, the pruning and where results go.
 * Built only through {@link RecipeLoader} or the constructor, both of which validate everything that
 * can be checked without building the graph.
 *
 * @param name    run name; the output directory is {@code output/name} (default: the file's stem)
 * @param seed    seeds initialisation, batch order and every random draw (default 42)
 * @param model   which network
 * @param data    which examples
 * @param train   the optimisation
 * @param pruning which weights to prune, how and when (default: none, a dense run)
 * @param output  where runs are written (default {@code runs})
 * @param checkpoint when and where exact-resume checkpoints are written (default: never)
 * @param distributed data-parallel training on Spark (default: embedded {@code local[*]}, syncEvery 1; for
 *                    pruning methods pdp and maskllm, {@code none}: one JVM)
 */
public record Recipe(
        String name, Long seed, ModelSpec model, DataSpec data, TrainSpec train, PruningSpec pruning,
        OutputSpec output, CheckpointSpec checkpoint, DistributedSpec distributed) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public Recipe {
        Rules.required("name", name);
        if (!NAME.matcher(name).matches()) {
            throw new RecipeException("name", "must be letters, digits, '.', '_' or '-' (it names a directory)", name);
        }
        seed = Rules.orDefault(seed, 42L);
        Rules.required("model", model);
        Rules.required("data", data);
        Rules.required("train", train);
        pruning = Rules.orDefault(pruning, PruningSpec.dense()).resolve(train.steps());
        output = Rules.orDefault(output, new OutputSpec(null));
        checkpoint = Rules.orDefault(checkpoint, CheckpointSpec.off());
        // pdp and maskllm recompute their soft masks on the host before every step: one JVM by default
        distributed = Rules.orDefault(distributed, new DistributedSpec(
                pruning.hasSoftMasks() ? DistributedSpec.NONE : null, null, null));
        if (model.isLanguageModel() != data.isText()) {
            throw new RecipeException("data.dataset", "must be a " + (model.isLanguageModel() ? "text" : "image")
                    + " dataset for model type " + model.type(), data.dataset());
        }
        if (pruning.prunes() && pruning.schedule().end() > train.steps()) {
            throw new RecipeException("pruning.schedule.end", "must be <= train.steps=" + train.steps(),
                    pruning.schedule().end());
        }
        if (pruning.pdp() != null && pruning.pdp().freezeAt() != null && pruning.pdp().freezeAt() > train.steps()) {
            throw new RecipeException("pruning.pdp.freezeAt", "must be <= train.steps=" + train.steps(),
                    pruning.pdp().freezeAt());
        }
        checkDistribution(train, pruning, distributed);
    }

    /**
     * The global batch splits evenly over the workers, local-SGD rounds never straddle a pruning event, and
     * no method whose mask state lives outside the hard masks runs on Spark.
     */
    private static void checkDistribution(TrainSpec train, PruningSpec pruning, DistributedSpec distributed) {
        if (!distributed.usesSpark()) {
            return;
        }
        if (pruning.hasSoftMasks()) {
            throw new RecipeException("distributed.master", "must be none for pruning.method " + pruning.method()
                    + " (its soft masks are recomputed on the driver before every step, and workers receive only "
                    + "hard masks)", distributed.master());
        }
        var workers = distributed.resolvedWorkers();
        if (workers.isPresent() && train.batchSize() % workers.getAsInt() != 0) {
            throw new RecipeException("train.batchSize", "must be a multiple of the " + workers.getAsInt()
                    + " data-parallel workers", train.batchSize());
        }
        int k = distributed.syncEvery();
        if (k > 1 && pruning.prunes()) {
            var s = pruning.schedule();
            for (var f : java.util.List.of(java.util.Map.entry("begin", s.begin()), java.util.Map.entry("end", s.end()),
                    java.util.Map.entry("frequency", s.frequency()))) {
                if (f.getValue() % k != 0) {
                    throw new RecipeException("pruning.schedule." + f.getKey(), "must be a multiple of "
                            + "distributed.syncEvery=" + k + " (masks change only between rounds)", f.getValue());
                }
            }
        }
    }

    /** The same recipe with another seed: one recipe, several seeded runs (the CLI's {@code --seed}). */
    public Recipe withSeed(long newSeed) {
        return new Recipe(name, newSeed, model, data, train, pruning, output, checkpoint, distributed);
    }
}
