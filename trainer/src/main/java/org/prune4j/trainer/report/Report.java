package org.prune4j.trainer.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Renders sparsity.md and the plots of a run directory from its metrics.jsonl and summary.json. */
public final class Report {

    private Report() {
    }

    /** Re-renders the report; returns the files written. */
    public static List<Path> render(RunFiles run) {
        if (!Files.isRegularFile(run.summary()) || !Files.isRegularFile(run.metrics())) {
            throw new IllegalArgumentException("run directory must hold summary.json and metrics.jsonl, got "
                    + run.dir());
        }
        Summary summary = readSummary(run);
        List<JsonNode> rows = MetricsFile.read(run.metrics());
        String metric = summary.metrics().keySet().iterator().next();
        try {
            Files.writeString(run.sparsityTable(), SparsityTable.markdown(summary), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + run.sparsityTable(), e);
        }
        List<Path> plots = Plots.draw(rows, metric, run.plots());
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(run.sparsityTable()), plots.stream()).toList();
    }

    public static Summary readSummary(RunFiles run) {
        try {
            return Json.PRETTY.readValue(run.summary().toFile(), Summary.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + run.summary(), e);
        }
    }

    public static void writeSummary(RunFiles run, Summary summary) {
        try {
            Json.PRETTY.writeValue(run.summary().toFile(), summary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + run.summary(), e);
        }
    }
}
