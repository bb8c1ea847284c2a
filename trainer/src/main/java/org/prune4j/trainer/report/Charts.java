package org.prune4j.trainer.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The look every prune4j chart shares, drawn headless into PNG files: lines against the step on a white
 * ground, the leading series solid and thick, the rest (per-layer curves) dashed so that equal values
 * stay visible.
 */
public final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private Charts() {
    }

    /**
     * One panel of lines against the step.
     *
     * @param solid how many leading series to draw solid (overall values); the rest are dashed
     */
    public static XYPlot panel(String yLabel, int solid, XYSeries... series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (XYSeries s : series) {
            data.addSeries(s);
        }
        NumberAxis step = new NumberAxis("step");
        step.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setAutoPopulateSeriesStroke(false); // or the chart theme would clear the strokes below
        for (int i = 0; i < series.length; i++) {
            renderer.setSeriesStroke(i, i < solid ? new BasicStroke(2.5f)
                    : new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        return new XYPlot(data, step, new NumberAxis(yLabel), renderer);
    }

    /** A chart of one panel, with a legend when it has more than one series. */
    public static JFreeChart chart(String title, XYPlot panel) {
        return themed(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, panel,
                panel.getDataset().getSeriesCount() > 1), panel);
    }

    /** Panels stacked over one shared step axis, each as tall as its weight says. */
    public static JFreeChart stacked(String title, XYPlot... panels) {
        NumberAxis step = new NumberAxis("step");
        step.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(step);
        combined.setGap(12);
        for (XYPlot panel : panels) {
            combined.add(panel, 1);
        }
        return themed(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, true), panels);
    }

    /** The current theme, then a white ground with light grid lines (the theme's is grey). */
    private static JFreeChart themed(JFreeChart chart, XYPlot... panels) {
        ChartUtils.applyCurrentTheme(chart);
        for (XYPlot plot : panels) {
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
            plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        return chart;
    }

    /** Writes the chart as a PNG, {@code panels} times the height of a one-panel chart. */
    public static Path save(JFreeChart chart, Path file, int panels) {
        try {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT * panels);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
