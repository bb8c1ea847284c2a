package org.prune4j.trainer.recipe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Locale;
import org.prune4j.schedules.allocation.Allocation;
import org.prune4j.schedules.allocation.LayerSelection;

/**
 * {@code pruning:} which weights to prune, how and when.
 *
 * @param method         {@code gmp} (gradual magnitude pruning), {@code pdp} (parameter-free
 *                       differentiable pruning), {@code maskllm} (learnable N:M masks, needs {@code nm})
 *                       or {@code none} (dense) (default none)
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
 * @param pdp            the settings of method {@code pdp} (defaults when left out); with pdp, scope
 *                       {@code global} means layer budgets by one global magnitude sort at
 *                       {@code schedule.begin}, and {@code layer} the same target for every layer
 * @param maskllm        the settings of method {@code maskllm} (defaults when left out)
 */
public record PruningSpec(
        String method, Double targetSparsity, String scope, String allocation, String weights, String exclude,
        GmpScheduleSpec schedule, NmSpec nm, PdpSpec pdp, MaskLlmSpec maskllm) {

    public static final List<String> METHODS = List.of("none", "gmp", "pdp", "maskllm");
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
        Rules.regex("weights", weights = Rules.orDefault(weights, ".*"));
        if (exclude != null) {
            Rules.regex("exclude", exclude);
        }
        if (!method.equals("none")) {
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
            Rules.unitInterval("targetSparsity", Rules.required("targetSparsity", targetSparsity));
            if (schedule.initialSparsity() != null && schedule.initialSparsity() > targetSparsity) {
                throw new RecipeException("schedule.initialSparsity", "must be <= targetSparsity=" + targetSparsity,
                        schedule.initialSparsity());
            }
        } else if (targetSparsity != null || schedule != null || nm != null) {
            throw new RecipeException(targetSparsity != null ? "targetSparsity" : schedule != null ? "schedule" : "nm",
                    "needs a pruning method (method: gmp, pdp or maskllm)", method);
        }
        if (method.equals("pdp")) {
            pdp = resolvePdp(Rules.orDefault(pdp, new PdpSpec(null, null, null, null)), nm, scope, schedule);
            if (schedule.type().equals("spdf")) {
                throw new RecipeException("schedule.type", "must be cubic, polynomial or geometric for method pdp "
                        + "(spdf releases the masks; pdp's soft masks harden and stay)", schedule.type());
            }
        } else if (pdp != null) {
            throw new RecipeException("pdp", "applies to method pdp only", method);
        }
        if (method.equals("maskllm")) {
            maskllm = Rules.orDefault(maskllm, MaskLlmSpec.defaults());
            if (nm == null || nm.n().equals(nm.m())) {
                throw new RecipeException("nm", "must be an N:M pattern with n < m for maskllm (it learns N:M masks)",
                        nm == null ? null : nm.n() + ":" + nm.m());
            }
            if (schedule.end() != null && schedule.end().equals(schedule.begin())) {
                throw new RecipeException("schedule.end", "must be > begin=" + schedule.begin() + " for maskllm (the "
                        + "masks are learned from begin and hardened at end)", schedule.end());
            }
        } else if (maskllm != null) {
            throw new RecipeException("maskllm", "applies to method maskllm only", method);
        }
    }

    /** Fills in the structure and checks the rules that tie {@code pdp} to the rest of the section. */
    private static PdpSpec resolvePdp(PdpSpec pdp, NmSpec nm, String scope, GmpScheduleSpec schedule) {
        String structure = Rules.orDefault(pdp.structure(), nm != null ? "nm" : "unstructured");
        if (structure.equals("nm") != (nm != null)) {
            throw new RecipeException("pdp.structure", nm != null ? "must be nm when nm is set"
                    : "nm needs the pattern in pruning.nm: {n, m}", structure);
        }
        if (structure.equals("channel") && scope.equals("global")) {
            throw new RecipeException("scope", "must be layer for pdp.structure channel (norms of channels of "
                    + "different widths do not compare)", scope);
        }
        if (nm != null && nm.n().equals(nm.m())) {
            throw new RecipeException("nm.n", "must be < m=" + nm.m() + " for pdp (n = m prunes nothing)", nm.n());
        }
        if (pdp.freezeAt() != null && schedule.end() != null && pdp.freezeAt() < schedule.end()) {
            throw new RecipeException("pdp.freezeAt", "must be >= schedule.end=" + schedule.end()
                    + " (the target is reached first)", pdp.freezeAt());
        }
        return pdp.withStructure(structure);
    }

    /** The fields of recipes before allocation and exclusions: every selected layer pruned alike or globally. */
    public PruningSpec(String method, Double targetSparsity, String scope, String weights, GmpScheduleSpec schedule,
                       NmSpec nm) {
        this(method, targetSparsity, scope, null, weights, null, schedule, nm, null, null);
    }

    /** No pruning at all. */
    public static PruningSpec dense() {
        return new PruningSpec(null, null, null, null, null, null, null, null, null, null);
    }

    /** This spec with the schedule's fractions solved into steps for a run of {@code steps} (see GmpScheduleSpec). */
    public PruningSpec resolve(int steps) {
        if (schedule == null) {
            return this;
        }
        try {
            return new PruningSpec(method, targetSparsity, scope, allocation, weights, exclude,
                    schedule.resolve(targetSparsity, steps), nm, pdp, maskllm);
        } catch (RecipeException e) {
            throw e.under("schedule").under("pruning");
        }
    }

    @JsonIgnore
    public boolean prunes() {
        return !method.equals("none");
    }

    /** Whether the method's masks are soft, recomputed on the host before every step (pdp, maskllm). */
    @JsonIgnore
    public boolean hasSoftMasks() {
        return method.equals("pdp") || method.equals("maskllm");
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
}
