package org.prune4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.prune4j.spark.SparkRun;
import org.prune4j.trainer.recipe.DistributedSpec;
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

    @Option(names = "--no-fetch", description = "Fail instead of fetching a dataset that is not cached.")
    boolean noFetch;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (overrides distributed.master): "
            + "local[*] (default, embedded), local[N], spark://host:port, yarn, k8s://..., or none for a single JVM.")
    String master;

    @Mixin
    DataCommand.CacheDir cache;

    @Override
    public Integer call() {
        Recipe recipe = withMaster(RecipeLoader.load(recipeFile), master);
        PreparedRun run = PreparedRun.prepare(recipe, cache.store(), dataDir, !noFetch, line -> System.out.println(line));
        Path base = outputDir != null ? outputDir : Path.of(recipe.output().dir());
        Path runDir = RunDirectories.create(base, recipe.name());
        System.out.printf(Locale.ROOT, "run %s: %s on %s, %d steps, pruning %s -> %s%n", recipe.name(),
                recipe.model().type(), recipe.data().dataset(), recipe.train().steps(), recipe.pruning().method(), runDir);
        Summary summary;
        ConsoleProgress progress = new ConsoleProgress(recipe.train().steps());
        if (recipe.distributed().usesSpark()) {
            try (SparkRun spark = SparkRun.start(run)) {
                System.out.println(spark.describe());
                summary = Runner.train(run, runDir, progress, spark.engine());
                System.out.println(spark.describeExchange());
            }
        } else {
            summary = Runner.train(run, runDir, progress);
        }
        summary.metrics().forEach((k, v) -> System.out.printf(Locale.ROOT, "%s: %.4f%n", k, v));
        System.out.printf(Locale.ROOT, "sparsity (pruned weights): %.4f; final train loss %.4f; %.1f s; %.0f samples/s%n",
                summary.sparsity().overall(), summary.finalTrainLoss(), summary.wallSeconds(), summary.samplesPerSecond());
        System.out.println("results: " + runDir + " (summary.json, sparsity.md, plots/, model.fb)");
        return 0;
    }

    /** The recipe with its Spark master replaced (validated again: the worker count may change). */
    static Recipe withMaster(Recipe r, String master) {
        if (master == null) {
            return r;
        }
        var d = r.distributed();
        return new Recipe(r.name(), r.seed(), r.model(), r.data(), r.train(), r.pruning(), r.output(),
                new DistributedSpec(master, d.workers(), d.syncEvery()));
    }
}
