package org.prune4j.trainer.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prune4j.trainer.train.LayerSparsity;
import org.prune4j.trainer.train.StepMetrics;
import org.prune4j.trainer.train.TrainingListener;

/**
 * Appends one JSON object per line to {@code metrics.jsonl}: training rows ({@code step, loss, lr,
 * target_sparsity, sparsity, samples_per_second, layers}) and evaluation rows ({@code step} and the
 * metric, e.g. {@code test_accuracy}). Every line is flushed, so a crashed run keeps its history.
 */
public final class MetricsFile implements TrainingListener, Closeable {

    private final BufferedWriter out;

    public MetricsFile(Path file) {
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    @Override
    public void onMetrics(StepMetrics m) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("step", m.step());
        row.put("loss", m.loss());
        row.put("lr", m.learningRate());
        row.put("target_sparsity", m.targetSparsity());
        row.put("sparsity", m.sparsity());
        row.put("samples_per_second", m.samplesPerSecond());
        Map<String, Double> layers = new LinkedHashMap<>();
        for (LayerSparsity l : m.layers()) {
            layers.put(l.name(), l.realized());
        }
        row.put("layers", layers);
        write(row);
    }

    @Override
    public void onEvaluation(long step, String metric, double value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("step", step);
        row.put(metric, value);
        write(row);
    }

    private void write(Map<String, Object> row) {
        try {
            out.write(Json.LINES.writeValueAsString(row));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to metrics.jsonl", e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** Every row of a metrics file, in order. */
    public static List<JsonNode> read(Path file) {
        List<JsonNode> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    rows.add(Json.LINES.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }
}
