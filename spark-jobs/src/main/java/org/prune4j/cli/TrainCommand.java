package org.prune4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
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

    @Mixin
    DataOptions data;

    @Option(names = "--output-dir", paramLabel = "DIR", description = "Where run directories go (default: the "
            + "recipe's output.dir, runs).")
    Path outputDir;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (overrides distributed.master): "
            + "local[*] (default, embedded), local[N], spark://host:port, yarn, k8s://..., or none for a single JVM.")
    String master;

    @Option(names = "--seed", paramLabel = "N", description = "Use this seed instead of the recipe's (the resolved "
            + "recipe.yaml records it): repeated runs of one recipe.")
    Long seed;

    @Override
    public Integer call() {
        Recipe loaded = withMaster(RecipeLoader.load(recipeFile), master);
        Recipe recipe = seed == null ? loaded : loaded.withSeed(seed);
        PreparedRun run = data.prepare(recipe);
        Path base = outputDir != null ? outputDir : Path.of(recipe.output().dir());
        Path runDir = RunDirectories.create(base, recipe.name());
        System.out.printf(Locale.ROOT, "run %s: %s on %s, %d steps, pruning %s -> %s%n", recipe.name(),
                recipe.model().type(), recipe.data().dataset(), recipe.train().steps(), recipe.pruning().method(), runDir);
        Summary summary = Engines.train(run, engines -> Runner.train(run, runDir,
                new ConsoleProgress(recipe.train().steps()), Cli.WARNINGS, engines));
        Cli.printResults(summary, runDir);
        return 0;
    }

    /** The recipe with its Spark master replaced (validated again: the worker count may change). */
    static Recipe withMaster(Recipe r, String master) {
        if (master == null) {
            return r;
        }
        var d = r.distributed();
        return new Recipe(r.name(), r.seed(), r.model(), r.data(), r.train(), r.pruning(), r.output(), r.checkpoint(),
                new DistributedSpec(master, d.workers(), d.syncEvery()));
    }
}
