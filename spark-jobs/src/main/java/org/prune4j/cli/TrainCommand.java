package org.prune4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.prune4j.trainer.recipe.Recipe;
import org.prune4j.trainer.recipe.RecipeLoader;
import org.prune4j.trainer.report.Summary;
import org.prune4j.trainer.run.PreparedRun;
import org.prune4j.trainer.run.RunDirectories;
import org.prune4j.trainer.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code prune4j train RECIPE}: one training run, from a recipe to a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train (and prune) the model a recipe describes. The recipe, the data and the graph checks "
                + "are validated before anything is written; the run goes to OUTPUT/NAME (a suffix -2, -3, ... "
                + "keeps earlier runs).")
final class TrainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RECIPE", description = "A recipe YAML file (see recipes/ and the README).")
    Path recipeFile;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Use your own files instead of the cache: train/t10k IDX files (raw or .gz) for image "
                    + "models, or one .txt file for language models.")
    Path dataDir;

    @Option(names = "--output-dir", paramLabel = "DIR", description = "Where run directories go (default: the "
            + "recipe's output.dir, runs).")
    Path outputDir;

    @Option(names = "--seed", paramLabel = "N", description = "Use this seed instead of the recipe's (the resolved "
            + "recipe.yaml records it): repeated runs of one recipe.")
    Long seed;

    @Option(names = "--no-fetch", description = "Fail instead of fetching a dataset that is not cached.")
    boolean noFetch;

    @Mixin
    DataCommand.CacheDir cache;

    @Override
    public Integer call() {
        Recipe loaded = RecipeLoader.load(recipeFile);
        Recipe recipe = seed == null ? loaded : loaded.withSeed(seed);
        PreparedRun run = PreparedRun.prepare(recipe, cache.store(), dataDir, !noFetch, line -> System.out.println(line));
        Path base = outputDir != null ? outputDir : Path.of(recipe.output().dir());
        Path runDir = RunDirectories.create(base, recipe.name());
        System.out.printf(Locale.ROOT, "run %s: %s on %s, %d steps, pruning %s -> %s%n", recipe.name(),
                recipe.model().type(), recipe.data().dataset(), recipe.train().steps(), recipe.pruning().method(), runDir);
        Summary summary = Runner.train(run, runDir, new ConsoleProgress(recipe.train().steps()));
        summary.metrics().forEach((k, v) -> System.out.printf(Locale.ROOT, "%s: %.4f%n", k, v));
        System.out.printf(Locale.ROOT, "sparsity (pruned weights): %.4f; final train loss %.4f; %.1f s; %.0f samples/s%n",
                summary.sparsity().overall(), summary.finalTrainLoss(), summary.wallSeconds(), summary.samplesPerSecond());
        System.out.println("results: " + runDir + " (summary.json, sparsity.md, plots/, model.fb)");
        return 0;
    }
}
