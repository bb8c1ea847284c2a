package org.prune4j.trainer.recipe;

import java.util.List;
import java.util.regex.Pattern;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.model.PrunableWeight;

/** The recipe checks that need the built graph, run before anything is trained or written. */
public final class GraphChecks {

    private GraphChecks() {
    }

    /**
     * The prunable weights {@code pruning.weights} selects (whole-name match), in graph order.
     *
     * @throws RecipeException when pruning is on and the pattern selects nothing
     */
    public static List<PrunableWeight> selectedWeights(PruningSpec pruning, ModelGraph model) {
        if (!pruning.prunes()) {
            return List.of();
        }
        Pattern p = pruning.weightPattern();
        List<PrunableWeight> selected = model.prunable().stream().filter(w -> p.matcher(w.name()).matches()).toList();
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
