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
 */
public record Recipe(
        String name, Long seed, ModelSpec model, DataSpec data, TrainSpec train, PruningSpec pruning,
        OutputSpec output) {

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
        pruning = Rules.orDefault(pruning, PruningSpec.dense());
        output = Rules.orDefault(output, new OutputSpec(null));
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
    }

    /** The same recipe with another seed: one recipe, several seeded runs (the CLI's {@code --seed}). */
    public Recipe withSeed(long newSeed) {
        return new Recipe(name, newSeed, model, data, train, pruning, output);
    }
}
