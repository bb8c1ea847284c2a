package org.prune4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.prune4j.trainer.data.DataException;
import org.prune4j.trainer.data.Dataset;
import org.prune4j.trainer.report.Summary;

/** Small helpers the commands share. */
final class Cli {

    private Cli() {
    }

    /** Where warnings go: one line each on stderr, after the program's name. */
    static final Consumer<String> WARNINGS = line -> System.err.println("prune4j: warning: " + line);

    /** The closing lines of {@code train} and {@code resume}: the metric, sparsity, speed and where the results are. */
    static void printResults(Summary summary, Path runDir) {
        summary.metrics().forEach((k, v) -> System.out.printf(Locale.ROOT, "%s: %.4f%n", k, v));
        System.out.printf(Locale.ROOT, "sparsity (pruned weights): %.4f; final train loss %.4f; %.1f s; %.0f samples/s%n",
                summary.sparsity().overall(), summary.finalTrainLoss(), summary.wallSeconds(), summary.samplesPerSecond());
        System.out.println("results: " + runDir + " (summary.json, sparsity.md, plots/, model.fb)");
    }

    /** A dataset by its id, as bad input (exit 2) when unknown. */
    static Dataset dataset(String id) {
        try {
            return Dataset.byId(id);
        } catch (IllegalArgumentException e) {
            throw new DataException(e.getMessage());
        }
    }
}
