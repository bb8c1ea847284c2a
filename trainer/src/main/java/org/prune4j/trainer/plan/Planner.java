package org.prune4j.trainer.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.LongFunction;
import org.prune4j.schedules.Schedule;
import org.prune4j.schedules.compute.TrainingCompute;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.model.PrunableWeight;
import org.prune4j.trainer.recipe.GraphChecks;
import org.prune4j.trainer.recipe.Recipe;
import org.prune4j.trainer.train.MaskSchedules;
import org.prune4j.trainer.train.Optimizers;
import org.prune4j.trainer.train.TargetSchedule;

/**
 * Evaluates a recipe's schedules (learning rate, target sparsity, mask hyperparameters) at every step, with
 * the objects a run would use, without training.
 */
public final class Planner {

    /** Up to this many events get a table row each; more are thinned to {@link #EVEN_ROWS} steps. */
    private static final int MAX_EVENT_ROWS = 40;
    private static final int EVEN_ROWS = 20;
    /** Enough points for a smooth learning-rate curve; every event is sampled on top of these. */
    private static final int PLOT_POINTS = 2000;

    private Planner() {
    }

    /**
     * The plan of {@code recipe} for {@code model} (built from the recipe, for its layer sizes).
     *
     * @throws org.prune4j.trainer.recipe.RecipeException when the recipe does not fit the graph
     */
    public static SchedulePlan plan(Recipe recipe, ModelGraph model) {
        int steps = recipe.train().steps();
        List<PrunableWeight> selected = GraphChecks.selectedWeights(recipe.pruning(), model);
        TargetSchedule targets = recipe.pruning().prunes() ? new TargetSchedule(recipe.pruning()) : null;
        List<long[]> shapes = selected.stream().map(PrunableWeight::shape).toList();
        Schedule target = targets == null ? step -> 0.0 : targets::at;
        long[] events = targets == null ? new long[0] : targets.schedule().events().filter(e -> e <= steps).toArray();
        double[] compute = computeBefore(target, steps);
        Schedule learningRate = Optimizers.learningRate(recipe.train());
        boolean layerTargets = targets != null && recipe.pruning().allocationKind().hasLayerTargets();
        Map<String, Schedule> masks = MaskSchedules.of(recipe.pruning());

        LongFunction<PlanRow> at = step -> new PlanRow(step, learningRate.valueAt(step), target.valueAt(step),
                layerTargets ? targets.layerTargets(step, shapes) : null, compute[Math.toIntExact(step)] / compute[steps],
                event(targets, step), valuesAt(masks, step));
        List<PlanRow> rows = rowSteps(events, steps).stream().map(at::apply).toList();
        List<PlanRow> samples = sampleSteps(events, steps).stream().map(at::apply).toList();

        long pruned = selected.stream().mapToLong(PrunableWeight::size).sum();
        long parameters = model.parameterCount();
        long tokensPerStep = (long) recipe.train().batchSize() * (recipe.model().isLanguageModel()
                ? recipe.model().context() : 1);
        TrainingCompute cost = TrainingCompute.of(target, steps, pruned, parameters - pruned, tokensPerStep);
        List<String> warnings = PlanChecks.warnings(recipe, events, step -> compute[Math.toIntExact(step)] / compute[steps]);
        return new SchedulePlan(recipe, selected, parameters, events, rows, samples, cost, warnings);
    }

    /** {@code C(t)} for t = 0 .. steps: the pruned weights' compute before step t, in dense steps. */
    private static double[] computeBefore(Schedule target, int steps) {
        double[] c = new double[steps + 1];
        for (int t = 0; t < steps; t++) {
            c[t + 1] = c[t] + 1 - target.valueAt(t);
        }
        return c;
    }

    private static Map<String, Double> valuesAt(Map<String, Schedule> schedules, long step) {
        Map<String, Double> out = new LinkedHashMap<>();
        schedules.forEach((name, s) -> out.put(name, s.valueAt(step)));
        return out;
    }

    private static String event(TargetSchedule targets, long step) {
        if (targets == null || !targets.schedule().isPruningStep(step)) {
            return "";
        }
        return targets.schedule().masksReleased(step) ? "release" : "prune";
    }

    /** The first and last step, and every event or, when there are none or too many, evenly spaced steps. */
    private static SortedSet<Long> rowSteps(long[] events, int steps) {
        SortedSet<Long> out = new TreeSet<>(List.of(0L, (long) steps));
        if (events.length > 0 && events.length <= MAX_EVENT_ROWS) {
            for (long e : events) {
                out.add(e);
            }
            return out;
        }
        if (events.length > 0) {
            out.add(events[0]);
            out.add(events[events.length - 1]);
        }
        for (int i = 1; i < EVEN_ROWS; i++) {
            out.add(Math.round((double) steps * i / EVEN_ROWS));
        }
        return out;
    }

    /** Evenly spaced steps, plus each event and the step before it, so the plotted steps are square. */
    private static SortedSet<Long> sampleSteps(long[] events, int steps) {
        SortedSet<Long> out = new TreeSet<>();
        long stride = Math.max(1, steps / PLOT_POINTS);
        for (long t = 0; t < steps; t += stride) {
            out.add(t);
        }
        out.add((long) steps);
        for (long e : events) {
            out.add(e);
            if (e > 0) {
                out.add(e - 1);
            }
        }
        return out;
    }
}
