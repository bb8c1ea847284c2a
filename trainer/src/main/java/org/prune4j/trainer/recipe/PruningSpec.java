package org.prune4j.trainer.recipe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.prune4j.schedules.allocation.Allocation;
import org.prune4j.schedules.allocation.LayerSelection;

/**
 * {@code pruning:} which weights to prune, how and when.
 *
 * @param method         {@code gmp} (gradual magnitude pruning) or {@code none} (dense) (default none)
 * @param targetSparsity final fraction of zeros among the selected weights, in [0, 1) (gmp, required
 *                       unless {@code nm} is given, when it is 1 - n/m)
 * @param scope          {@code layer} (a mask per layer) or {@code global} (one magnitude threshold across
 *                       the selected layers) (default: global for allocation global, else layer)
 * @param allocation     how the target is shared among the selected layers: {@code uniform} (every layer at
 *                       the target), {@code global} (one threshold; the same as scope global) or {@code erk}
 *                       (Erdos-Renyi-Kernel: denser small layers, see schedules' ErkAllocation) (default:
 *                       global for scope global, else uniform)
 * @param weights        a regular expression matched against whole weight names such as
 *                       {@code fc1/W} (default {@code .*}: every prunable weight)
 * @param exclude        optional: a regular expression over whole weight names to leave dense, e.g.
 *                       {@code fc1/W|fc3/W} for the first and last layer
 * @param schedule       when the ramp runs
 * @param nm             optional N:M pattern; masks are then N:M magnitude masks from
 *                       {@code schedule.begin} on, refreshed at every pruning event
 */
public record PruningSpec(
        String method, Double targetSparsity, String scope, String allocation, String weights, String exclude,
        GmpScheduleSpec schedule, NmSpec nm) {

    public static final List<String> METHODS = List.of("none", "gmp");
    public static final List<String> SCOPES = List.of("layer", "global");
    public static final List<String> ALLOCATIONS = List.of("uniform", "global", "erk");

    public PruningSpec {
        Rules.oneOf("method", method = Rules.orDefault(method, "none"), METHODS);
        scope = Rules.orDefault(scope, "global".equals(allocation) ? "global" : "layer");
        Rules.oneOf("scope", scope, SCOPES);
        allocation = Rules.orDefault(allocation, scope.equals("global") ? "global" : "uniform");
        Rules.oneOf("allocation", allocation, ALLOCATIONS);
        if (scope.equals("global") != allocation.equals("global")) {
            throw new RecipeException("allocation", "must be global exactly when scope is global (scope=" + scope
                    + "; scope is the older spelling of the same choice)", allocation);
        }
        regex("weights", weights = Rules.orDefault(weights, ".*"));
        if (exclude != null) {
            regex("exclude", exclude);
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
                if (!allocation.equals("uniform")) {
                    throw new RecipeException("allocation", "must be uniform when nm is set (N:M is per group)",
                            allocation);
                }
                targetSparsity = implied;
            }
            Rules.sparsity("targetSparsity", Rules.required("targetSparsity", targetSparsity));
            if (schedule.initialSparsity() != null && schedule.initialSparsity() > targetSparsity) {
                throw new RecipeException("schedule.initialSparsity", "must be <= targetSparsity=" + targetSparsity,
                        schedule.initialSparsity());
            }
        } else if (targetSparsity != null || schedule != null || nm != null) {
            throw new RecipeException(targetSparsity != null ? "targetSparsity" : schedule != null ? "schedule" : "nm",
                    "needs a pruning method (method: gmp)", method);
        }
    }

    /** The fields of recipes before allocation and exclusions: every selected layer pruned alike or globally. */
    public PruningSpec(String method, Double targetSparsity, String scope, String weights, GmpScheduleSpec schedule,
                       NmSpec nm) {
        this(method, targetSparsity, scope, null, weights, null, schedule, nm);
    }

    /** No pruning at all. */
    public static PruningSpec dense() {
        return new PruningSpec(null, null, null, null, null, null);
    }

    /** This spec with the schedule's fractions solved into steps for a run of {@code steps} (see GmpScheduleSpec). */
    public PruningSpec resolve(int steps) {
        if (schedule == null) {
            return this;
        }
        try {
            return new PruningSpec(method, targetSparsity, scope, allocation, weights, exclude,
                    schedule.resolve(targetSparsity, steps), nm);
        } catch (RecipeException e) {
            throw e.under("schedule").under("pruning");
        }
    }

    @JsonIgnore
    public boolean prunes() {
        return !method.equals("none");
    }

    /** Which prunable weights this spec selects: {@code weights} but not {@code exclude}. */
    @JsonIgnore
    public LayerSelection selection() {
        return new LayerSelection(weights, exclude);
    }

    @JsonIgnore
    public Allocation allocationKind() {
        return Allocation.valueOf(allocation.toUpperCase(Locale.ROOT));
    }

    private static void regex(String field, String value) {
        try {
            Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new RecipeException(field, "must be a valid regular expression (" + e.getDescription() + ")", value);
        }
    }
}
