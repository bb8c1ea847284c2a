package org.prune4j.trainer.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * metric, e.g. {@code test_accuracy}). Every line is flushed, so a crashed run keeps its history, and a
 * resumed run continues the same file ({@link #keepUpTo}, then {@link #appendTo}).
 */
public final class MetricsFile implements TrainingListener, Closeable {

    private final BufferedWriter out;

    private MetricsFile(BufferedWriter out) {
        this.out = out;
    }

    /** A new, empty metrics file (an existing one is replaced). */
    public static MetricsFile create(Path file) {
        try {
            return new MetricsFile(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    /** Appends to an existing metrics file. */
    public static MetricsFile appendTo(Path file) {
        try {
            return new MetricsFile(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /**
     * Drops the rows after {@code step} (and a last line cut short by a crash), replacing the file
     * atomically: a run resumed from the checkpoint of {@code step} writes those rows again.
     */
    public static void keepUpTo(Path file, long step) {
        try {
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode row = parse(line);
                if (row != null && row.path("step").asLong(Long.MAX_VALUE) <= step) {
                    kept.add(line);
                }
            }
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, kept, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file, e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return line.isBlank() ? null : Json.LINES.readTree(line);
        } catch (IOException e) {
            return null;
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
