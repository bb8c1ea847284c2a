package org.prune4j.trainer.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.prune4j.trainer.report.Charts;

/**
 * The plan drawn as one PNG: target sparsity on top (one dashed line per weight when ERK gives each its
 * own target), the learning rate below it, then a panel for each scheduled mask hyperparameter.
 */
public final class PlanPlot {

    private PlanPlot() {
    }

    public static Path draw(SchedulePlan plan, Path png) {
        boolean perLayer = plan.distinctLayerTargets();
        XYSeries overall = new XYSeries(perLayer ? "target (overall)" : "target", false, true);
        XYSeries learningRate = new XYSeries("learning rate", false, true);
        List<XYSeries> sparsity = new ArrayList<>(List.of(overall));
        if (perLayer) {
            plan.selected().forEach(w -> sparsity.add(new XYSeries(w.name(), false, true)));
        }
        List<XYSeries> hyperparameters = plan.hyperparameters().stream()
                .map(name -> new XYSeries(name, false, true)).toList();
        for (PlanRow row : plan.samples()) {
            overall.add(row.step(), row.target());
            learningRate.add(row.step(), row.learningRate());
            hyperparameters.forEach(series -> series.add(row.step(), row.hyperparameters().get(series.getKey())));
            double[] targets = row.layerTargets();
            for (int i = 0; perLayer && i < targets.length; i++) {
                sparsity.get(i + 1).add(row.step(), targets[i]);
            }
        }
        List<XYPlot> panels = new ArrayList<>(List.of(
                Charts.panel("target sparsity", 1, sparsity.toArray(XYSeries[]::new)),
                Charts.panel("learning rate", 1, learningRate)));
        hyperparameters.forEach(series -> panels.add(Charts.panel(series.getKey().toString(), 1, series)));
        return Charts.save(Charts.stacked("Plan: " + plan.recipe().name(), panels.toArray(XYPlot[]::new)), png,
                panels.size());
    }
}
