package org.prune4j.trainer.recipe;

import java.util.List;
import org.prune4j.schedules.allocation.LayerSelection;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.model.PrunableWeight;

/** The recipe checks that need the built graph, run before anything is trained or written. */
public final class GraphChecks {

    private GraphChecks() {
    }

    /**
     * The prunable weights {@code pruning.weights} selects and {@code pruning.exclude} leaves (whole-name
     * matches), in graph order.
     *
     * @throws RecipeException when pruning is on and the patterns select nothing (N:M divisibility is
     *                         checked per weight while the model is built, see {@link #checkSelected})
     */
    public static List<PrunableWeight> selectedWeights(PruningSpec pruning, ModelGraph model) {
        if (!pruning.prunes()) {
            return List.of();
        }
        LayerSelection selection = pruning.selection();
        List<PrunableWeight> selected = model.prunable().stream().filter(w -> selection.selects(w.name())).toList();
        if (selected.isEmpty() && pruning.exclude() != null
                && model.prunable().stream().anyMatch(w -> new LayerSelection(pruning.weights(), null).selects(w.name()))) {
            throw new RecipeException("pruning.exclude", "must leave at least one of the weights pruning.weights selects",
                    pruning.exclude());
        }
        if (selected.isEmpty()) {
            String names = model.prunable().stream().map(PrunableWeight::name).reduce((a, b) -> a + ", " + b).orElse("");
            throw new RecipeException("pruning.weights", "must match at least one prunable weight (this model has: "
                    + names + ")", pruning.weights());
        }
        return selected;
    }

    /**
     * Checks one selected weight while the model is built, before its mask method sees it.
     *
     * @throws RecipeException when an N:M pattern does not divide the weight's input dimension
     */
    public static void checkSelected(PruningSpec pruning, PrunableWeight w) {
        if (pruning.nm() != null && w.inputDim() % pruning.nm().m() != 0) {
            throw new RecipeException("pruning.nm.m", "must divide the input dimension " + w.inputDim() + " of "
                    + w.name(), pruning.nm().m());
        }
    }
}
