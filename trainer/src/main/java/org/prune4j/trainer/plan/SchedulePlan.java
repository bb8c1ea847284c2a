package org.prune4j.trainer.plan;

import java.util.List;
import org.prune4j.schedules.compute.TrainingCompute;
import org.prune4j.trainer.model.PrunableWeight;
import org.prune4j.trainer.recipe.Recipe;

/**
 * A recipe's schedules, evaluated without training.
 *
 * @param recipe     the resolved recipe
 * @param selected   the weights the recipe prunes, in graph order
 * @param parameters every trainable parameter of the model
 * @param events     the pruning events within training
 * @param rows       the values at the steps worth printing: the events (or about 20 evenly spaced steps)
 *                   plus the first and the last (so never empty)
 * @param samples    the values at enough steps to draw every change
 * @param compute    N-bar, the sparse-compute share and the FLOPs saved
 * @param warnings   legal but suspicious choices, one sentence each
 */
public record SchedulePlan(
        Recipe recipe, List<PrunableWeight> selected, long parameters, long[] events, List<PlanRow> rows,
        List<PlanRow> samples, TrainingCompute compute, List<String> warnings) {

    public SchedulePlan {
        selected = List.copyOf(selected);
        events = events.clone();
        rows = List.copyOf(rows);
        samples = List.copyOf(samples);
        warnings = List.copyOf(warnings);
    }

    @Override
    public long[] events() {
        return events.clone();
    }

    /**
     * Whether the weights have targets of their own (ERK); under uniform allocation and N:M they follow the
     * overall target, and under a global threshold their shares are decided at each event.
     */
    public boolean distinctLayerTargets() {
        return recipe.pruning().prunes() && recipe.pruning().allocation().equals("erk");
    }

    /** The names of the scheduled mask hyperparameters, in column order (none for gmp, pdp and dense runs). */
    public List<String> hyperparameters() {
        return List.copyOf(rows.get(0).hyperparameters().keySet());
    }

    /** The number of parameters the recipe prunes. */
    public long prunedParameters() {
        return selected.stream().mapToLong(PrunableWeight::size).sum();
    }
}
