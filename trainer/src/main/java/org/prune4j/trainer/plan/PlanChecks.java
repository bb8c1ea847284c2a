package org.prune4j.trainer.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongToDoubleFunction;
import org.prune4j.trainer.recipe.GmpScheduleSpec;
import org.prune4j.trainer.recipe.Recipe;

/**
 * Schedule choices that pass validation but almost certainly waste a run. Outright mistakes (begin after
 * end, a frequency longer than the ramp, a window past the last step) are recipe errors already and never
 * get this far.
 */
final class PlanChecks {

    /** How far a compute window may land from the shares asked for before it is worth a warning. */
    static final double WINDOW_TOLERANCE = 0.02;

    private PlanChecks() {
    }

    static List<String> warnings(Recipe recipe, long[] events, LongToDoubleFunction computeShare) {
        List<String> out = new ArrayList<>();
        if (!recipe.pruning().prunes()) {
            return out;
        }
        GmpScheduleSpec s = recipe.pruning().schedule();
        int steps = recipe.train().steps();
        boolean spdf = s.type().equals("spdf");
        if (s.end().equals(s.begin()) || recipe.pruning().method().equals("maskllm")) {
            // a one shot (end == begin) is asked for by name: a single event, possibly at the last step; MaskLLM
            // has no ramp (its N:M target holds from begin) and learns its masks until it hardens them at end
            return out;
        }
        if (s.end() == steps) {
            out.add("pruning.schedule.end = train.steps = " + steps + ": " + (spdf
                    ? "the masks are released only after the last update, so no step fine-tunes densely"
                    : "the target is reached only after the last update, so no step trains at the final sparsity"));
        }
        if (!spdf && events.length < 3) {
            out.add("pruning.schedule.frequency = " + s.frequency() + " spans the whole ramp (end - begin = "
                    + (s.end() - s.begin()) + "): only " + events.length + " pruning events, so the ramp is a "
                    + "one-shot jump rather than gradual");
        }
        if ("compute".equals(s.window())) {
            double atBegin = computeShare.applyAsDouble(s.begin());
            double atEnd = computeShare.applyAsDouble(s.end());
            if (Math.abs(atBegin - s.beginFraction()) > WINDOW_TOLERANCE
                    || Math.abs(atEnd - s.endFraction()) > WINDOW_TOLERANCE) {
                out.add(String.format(Locale.ROOT, "pruning.schedule.window = compute: the nearest steps on the "
                                + "frequency grid, %d and %d, spend %.1f%% and %.1f%% of the compute, not the %.1f%% "
                                + "and %.1f%% asked for; a smaller frequency or more steps lands closer",
                        s.begin(), s.end(), 100 * atBegin, 100 * atEnd, 100 * s.beginFraction(),
                        100 * s.endFraction()));
            }
        }
        return out;
    }
}
