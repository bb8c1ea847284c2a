package org.prune4j.trainer.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.data.xy.XYSeries;
import org.prune4j.trainer.report.Charts;

/**
 * The plan drawn as one PNG: target sparsity above (one dashed line per weight when ERK gives each its
 * own target), the learning rate below.
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
        for (PlanRow row : plan.samples()) {
            overall.add(row.step(), row.target());
            learningRate.add(row.step(), row.learningRate());
            double[] targets = row.layerTargets();
            for (int i = 0; perLayer && i < targets.length; i++) {
                sparsity.get(i + 1).add(row.step(), targets[i]);
            }
        }
        return Charts.save(Charts.stacked("Plan: " + plan.recipe().name(),
                Charts.panel("target sparsity", 1, sparsity.toArray(XYSeries[]::new)),
                Charts.panel("learning rate", 1, learningRate)), png, 2);
    }
}
