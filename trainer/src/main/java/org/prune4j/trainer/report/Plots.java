package org.prune4j.trainer.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;

/** Line charts of a run's metrics, drawn headless into PNG files. */
public final class Plots {

    private Plots() {
    }

    /** Draws loss.png, learning_rate.png, the metric's PNG and (when anything is pruned) sparsity.png. */
    public static List<Path> draw(List<JsonNode> rows, String metric, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        XYSeries loss = series(rows, "loss", "training loss");
        XYSeries lr = series(rows, "lr", "learning rate");
        XYSeries evaluation = series(rows, metric, metric);
        Path lossPng = save(chart("Training loss", "loss", loss), dir.resolve("loss.png"));
        Path lrPng = save(chart("Learning rate", "learning rate", lr), dir.resolve("learning_rate.png"));
        Path metricPng = save(chart(metric, metric, evaluation), dir.resolve(metric + ".png"));
        Map<String, XYSeries> layers = layerSeries(rows);
        if (layers.isEmpty()) {
            return List.of(lossPng, lrPng, metricPng);
        }
        XYSeries[] all = new XYSeries[layers.size() + 2];
        all[0] = series(rows, "sparsity", "overall (realized)");
        all[1] = series(rows, "target_sparsity", "target");
        int i = 2;
        for (XYSeries s : layers.values()) {
            all[i++] = s;
        }
        Path sparsityPng = save(chart("Sparsity of the pruned weights", "fraction of zeros", all),
                dir.resolve("sparsity.png"));
        return List.of(lossPng, lrPng, metricPng, sparsityPng);
    }

    private static XYSeries series(List<JsonNode> rows, String field, String label) {
        XYSeries s = new XYSeries(label, false, true);
        for (JsonNode row : rows) {
            if (row.has(field)) {
                s.add(row.get("step").asDouble(), row.get(field).asDouble());
            }
        }
        return s;
    }

    private static Map<String, XYSeries> layerSeries(List<JsonNode> rows) {
        Map<String, XYSeries> out = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            JsonNode layers = row.get("layers");
            if (layers == null) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = layers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.computeIfAbsent(e.getKey(), k -> new XYSeries(k, false, true))
                        .add(row.get("step").asDouble(), e.getValue().asDouble());
            }
        }
        return out;
    }

    private static JFreeChart chart(String title, String yLabel, XYSeries... series) {
        return Charts.chart(title, Charts.panel(yLabel, 2, series));
    }

    private static Path save(JFreeChart chart, Path file) {
        return Charts.save(chart, file, 1);
    }
}
