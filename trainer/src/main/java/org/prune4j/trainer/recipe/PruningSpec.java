package org.prune4j.trainer.recipe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code pruning:} which weights to prune, how and when.
 *
 * @param method         {@code gmp} (gradual magnitude pruning) or {@code none} (dense) (default none)
 * @param targetSparsity final fraction of zeros among the selected weights, in [0, 1) (gmp, required
 *                       unless {@code nm} is given, when it is 1 - n/m)
 * @param scope          {@code layer} (every layer reaches the target) or {@code global} (one magnitude
 *                       threshold across the selected layers) (default layer)
 * @param weights        a regular expression matched against whole weight names such as
 *                       {@code fc1/W} (default {@code .*}: every prunable weight)
 * @param schedule       when the ramp runs
 * @param nm             optional N:M pattern; masks are then N:M magnitude masks from
 *                       {@code schedule.begin} on, refreshed at every pruning event
 */
public record PruningSpec(
        String method, Double targetSparsity, String scope, String weights, GmpScheduleSpec schedule, NmSpec nm) {

    public static final List<String> METHODS = List.of("none", "gmp");
    public static final List<String> SCOPES = List.of("layer", "global");

    public PruningSpec {
        Rules.oneOf("method", method = Rules.orDefault(method, "none"), METHODS);
        Rules.oneOf("scope", scope = Rules.orDefault(scope, "layer"), SCOPES);
        weights = Rules.orDefault(weights, ".*");
        try {
            Pattern.compile(weights);
        } catch (PatternSyntaxException e) {
            throw new RecipeException("weights", "must be a valid regular expression (" + e.getDescription() + ")",
                    weights);
        }
        if (method.equals("gmp")) {
            Rules.required("schedule", schedule);
            if (nm != null) {
                double implied = 1.0 - (double) nm.n() / nm.m();
                if (targetSparsity != null && Math.abs(targetSparsity - implied) > 1e-12) {
                    throw new RecipeException("targetSparsity", "must equal 1 - n/m = " + implied
                            + " when nm is set (or be left out)", targetSparsity);
                }
                if (scope.equals("global")) {
                    throw new RecipeException("scope", "must be layer when nm is set (N:M is per group)", scope);
                }
                targetSparsity = implied;
            }
            Rules.sparsity("targetSparsity", Rules.required("targetSparsity", targetSparsity));
            if (schedule.initialSparsity() > targetSparsity) {
                throw new RecipeException("schedule.initialSparsity", "must be <= targetSparsity=" + targetSparsity,
                        schedule.initialSparsity());
            }
        } else if (targetSparsity != null || schedule != null || nm != null) {
            throw new RecipeException(targetSparsity != null ? "targetSparsity" : schedule != null ? "schedule" : "nm",
                    "needs a pruning method (method: gmp)", method);
        }
    }

    /** No pruning at all. */
    public static PruningSpec dense() {
        return new PruningSpec(null, null, null, null, null, null);
    }

    @JsonIgnore
    public boolean prunes() {
        return !method.equals("none");
    }

    @JsonIgnore
    public Pattern weightPattern() {
        return Pattern.compile(weights);
    }
}
