package org.prune4j.trainer.recipe;

import java.util.List;
import org.prune4j.schedules.GeometricPruningSchedule;
import org.prune4j.schedules.GradualPruningSchedule;
import org.prune4j.schedules.OneShotSchedule;
import org.prune4j.schedules.PruningSchedule;
import org.prune4j.schedules.SpdfSchedule;
import org.prune4j.schedules.compute.ComputeWindow;

/**
 * {@code pruning.schedule:} when and how the target sparsity is reached (reference/algorithms.md §1, §2, §7).
 *
 * <p>The window is given either in steps ({@code begin}, {@code end}) or as fractions
 * ({@code beginFraction}, {@code endFraction}) of the training steps or, with {@code window: compute},
 * of the training compute, which shrinks as the model gets sparser. Fractions are solved into steps by
 * {@link #resolve} once the number of training steps is known; the resolved recipe records both.
 *
 * @param type            {@code cubic} (Zhu &amp; Gupta), {@code polynomial} (the same ramp with another
 *                        {@code power}), {@code geometric} (The Journey Matters: each event removes the same
 *                        fraction of the remaining weights) or {@code spdf} (one static mask from {@code begin},
 *                        released at {@code end} for dense fine-tuning) (default cubic, or polynomial when a
 *                        power other than 3 is given)
 * @param begin           first pruning event (default 0)
 * @param end             step at which the target is reached (for spdf: at which the masks are released)
 *                        (required unless {@code endFraction} is given); {@code end == begin} prunes to the
 *                        target in one shot at that step (not for spdf, whose release comes after begin)
 * @param beginFraction   {@code begin} as a fraction in [0, 1) of the steps or of the compute
 * @param endFraction     {@code end} as a fraction in (0, 1]; given together with {@code beginFraction}
 * @param window          {@code steps} or {@code compute}: what the fractions are fractions of (default steps)
 * @param frequency       steps between pruning events (default 100; not for spdf); fraction windows are
 *                        rounded to multiples of it
 * @param initialSparsity sparsity at {@code begin} (cubic and polynomial; default 0)
 * @param power           exponent of the ramp (cubic: 3; polynomial: default 3)
 */
public record GmpScheduleSpec(
        String type, Integer begin, Integer end, Double beginFraction, Double endFraction, String window,
        Integer frequency, Double initialSparsity, Double power) {

    public static final List<String> TYPES = List.of("cubic", "polynomial", "geometric", "spdf");
    public static final List<String> WINDOWS = List.of("steps", "compute");

    public GmpScheduleSpec {
        type = Rules.orDefault(type, power == null || power == GradualPruningSchedule.CUBIC ? "cubic" : "polynomial");
        Rules.oneOf("type", type, TYPES);
        boolean ramp = type.equals("cubic") || type.equals("polynomial");
        window = fractionWindow(beginFraction, endFraction, window, type);
        if (beginFraction == null) {
            Rules.nonNegative("begin", begin = Rules.orDefault(begin, 0));
            Rules.required("end", end);
        } else if (begin != null) {
            Rules.nonNegative("begin", begin);
        }
        if (begin != null && end != null && end < begin) {
            throw new RecipeException("end", "must be >= begin=" + begin + " (equal: one shot at begin)", end);
        }
        boolean oneShot = begin != null && begin.equals(end);
        if (oneShot && type.equals("spdf")) {
            throw new RecipeException("end", "must be > begin=" + begin + " for type spdf (the release comes after "
                    + "the masks)", end);
        }
        if (type.equals("spdf")) {
            notFor(type, "frequency", frequency);
        } else {
            Rules.positive("frequency", frequency = Rules.orDefault(frequency, 100));
            if (begin != null && end != null && !oneShot) {
                eventsFit(type, begin, end, frequency);
            }
        }
        if (ramp) {
            Rules.unitInterval("initialSparsity", initialSparsity = Rules.orDefault(initialSparsity, 0.0));
            Rules.positive("power", power = Rules.orDefault(power, GradualPruningSchedule.CUBIC));
            if (type.equals("cubic") && power != GradualPruningSchedule.CUBIC) {
                throw new RecipeException("power", "must be 3 for type cubic (type polynomial takes other powers)", power);
            }
            if (oneShot && initialSparsity != 0) {
                throw new RecipeException("initialSparsity", "must be 0 when end == begin (a one shot has no ramp "
                        + "to start from)", initialSparsity);
            }
        } else {
            notFor(type, "initialSparsity", initialSparsity);
            notFor(type, "power", power);
        }
    }

    /** The cubic ramp of today's recipes: {@code begin}, {@code end} and the rest as before. */
    public GmpScheduleSpec(Integer begin, Integer end, Integer frequency, Double initialSparsity, Double power) {
        this(null, begin, end, null, null, null, frequency, initialSparsity, power);
    }

    /**
     * This schedule with {@code begin} and {@code end} solved from the fractions for a run of
     * {@code steps} steps pruning to {@code target}; itself when it has no fractions.
     */
    public GmpScheduleSpec resolve(double target, int steps) {
        if (beginFraction == null) {
            return this;
        }
        int grid = type.equals("spdf") ? 1 : frequency;
        if (grid > steps) {
            throw new RecipeException("frequency", "must be <= train.steps=" + steps + " to place a fraction window",
                    frequency);
        }
        int first;
        int last;
        if (window.equals("compute")) {
            ComputeWindow w = ComputeWindow.solve(beginFraction, endFraction, steps, grid,
                    (b, e) -> schedule(target, b, e));
            first = Math.toIntExact(w.begin());
            last = Math.toIntExact(w.end());
        } else {
            first = onGrid(beginFraction * steps, grid, steps);
            last = onGrid(endFraction * steps, grid, steps);
        }
        if (last <= first) {
            throw new RecipeException("endFraction", "must leave at least one step of the frequency=" + grid
                    + " grid after beginFraction (both round to step " + first + " of " + steps + ")", endFraction);
        }
        matches("begin", begin, first, "beginFraction");
        matches("end", end, last, "endFraction");
        return new GmpScheduleSpec(type, first, last, beginFraction, endFraction, window, frequency, initialSparsity,
                power);
    }

    /** The schedule the pruner follows; needs a resolved window (see {@link #resolve}). */
    public PruningSchedule toSchedule(double target) {
        if (begin == null || end == null) {
            throw new IllegalStateException("pruning.schedule must be resolved against train.steps before use");
        }
        return schedule(target, begin, end);
    }

    private PruningSchedule schedule(double target, long first, long last) {
        if (first == last) {
            return new OneShotSchedule(target, first);
        }
        return switch (type) {
            case "cubic", "polynomial" -> new GradualPruningSchedule(initialSparsity, target, first, last, frequency, power);
            case "geometric" -> new GeometricPruningSchedule(target, first, last, frequency);
            case "spdf" -> new SpdfSchedule(target, first, last);
            default -> throw new IllegalStateException("unknown schedule type " + type);
        };
    }

    private static String fractionWindow(Double beginFraction, Double endFraction, String window, String type) {
        if (beginFraction == null && endFraction == null) {
            if (window != null) {
                throw new RecipeException("window", "applies with beginFraction and endFraction only", window);
            }
            return null;
        }
        Rules.required("beginFraction", beginFraction);
        Rules.required("endFraction", endFraction);
        Rules.unitInterval("beginFraction", beginFraction);
        if (!(endFraction > beginFraction && endFraction <= 1)) {
            throw new RecipeException("endFraction", "must be in (beginFraction=" + beginFraction + ", 1]", endFraction);
        }
        Rules.oneOf("window", window = Rules.orDefault(window, "steps"), WINDOWS);
        if (window.equals("compute") && type.equals("spdf")) {
            throw new RecipeException("window", "must be steps for type spdf (it has no ramp to place in compute)",
                    window);
        }
        return window;
    }

    private static void eventsFit(String type, int begin, int end, int frequency) {
        if (frequency > end - begin) {
            throw new RecipeException("frequency", "must be <= end - begin = " + (end - begin), frequency);
        }
        if (type.equals("geometric") && (end - begin) % frequency != 0) {
            throw new RecipeException("end", "must be begin + a multiple of frequency=" + frequency
                    + " for type geometric (its last event is at end)", end);
        }
    }

    /** The multiple of {@code grid} nearest to {@code step}, but not past the last step. */
    private static int onGrid(double step, int grid, int steps) {
        return (int) Math.min(Math.round(step / grid) * grid, (long) steps / grid * grid);
    }

    /** A step given next to its fraction must be the one the fraction resolves to (as in a resolved recipe). */
    private static void matches(String field, Integer given, int resolved, String fraction) {
        if (given != null && given != resolved) {
            throw new RecipeException(field, "must be left out when " + fraction + " is set, or equal the step "
                    + resolved + " it resolves to", given);
        }
    }

    private static void notFor(String type, String field, Object value) {
        if (value != null) {
            throw new RecipeException(field, "does not apply to type " + type, value);
        }
    }
}
