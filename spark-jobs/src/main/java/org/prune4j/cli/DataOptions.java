package org.prune4j.cli;

import java.nio.file.Path;
import org.prune4j.trainer.recipe.Recipe;
import org.prune4j.trainer.run.PreparedRun;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where {@code train} and {@code resume} find the training data. */
final class DataOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Use your own files instead of the cache: train/t10k IDX files (raw or .gz) for image "
                    + "models, or one .txt file for language models.")
    Path dataDir;

    @Option(names = "--no-fetch", description = "Fail instead of fetching a dataset that is not cached.")
    boolean noFetch;

    @Mixin
    DataCommand.CacheDir cache;

    /** The run's data, model and checks, everything that can fail on bad input, before anything is written. */
    PreparedRun prepare(Recipe recipe) {
        return PreparedRun.prepare(recipe, cache.store(), dataDir, !noFetch, System.out::println);
    }
}
