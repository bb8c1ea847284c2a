package org.prune4j.trainer.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.prune4j.schedules.compute.TrainingCompute;
import org.prune4j.trainer.model.PrunableWeight;
import org.prune4j.trainer.recipe.GmpScheduleSpec;
import org.prune4j.trainer.recipe.PruningSpec;
import org.prune4j.trainer.recipe.Recipe;

/** A plan as plain text: what the run will do, the values at its events, its cost and its warnings. */
public final class PlanTable {

    private PlanTable() {
    }

    public static String render(SchedulePlan plan) {
        Recipe r = plan.recipe();
        StringBuilder out = new StringBuilder();
        line(out, "plan %s: %s on %s, %d steps of %d %s", r.name(), r.model().type(), r.data().dataset(),
                r.train().steps(), r.train().batchSize(), r.model().isLanguageModel() ? "windows" : "examples");
        line(out, "optimizer: %s", optimizer(r));
        line(out, "pruning: %s", pruning(plan));
        out.append('\n');
        steps(out, plan);
        if (r.pruning().prunes()) {
            out.append('\n');
            layers(out, plan);
        }
        out.append('\n');
        cost(out, plan);
        out.append('\n');
        if (plan.warnings().isEmpty()) {
            line(out, "warnings: none");
        } else {
            plan.warnings().forEach(w -> line(out, "warning: %s", w));
        }
        return out.toString();
    }

    private static String optimizer(Recipe r) {
        var t = r.train();
        String optimizer = t.optimizer().equals("adam")
                ? String.format(Locale.ROOT, "adam (β %.4g, %.4g)", t.beta1(), t.beta2()) : t.optimizer();
        if (t.weightDecay() > 0) {
            optimizer += String.format(Locale.ROOT, ", decoupled weight decay %.4g", t.weightDecay());
        }
        if (t.gradientClip() != null) {
            optimizer += String.format(Locale.ROOT, ", gradients clipped to norm %.4g", t.gradientClip());
        }
        return t.lrSchedule().equals("cosine")
                ? String.format(Locale.ROOT, "%s, %d warm-up steps to %.4g, half cosine to %.4g", optimizer,
                t.warmupSteps(), t.learningRate(), t.minLearningRate())
                : String.format(Locale.ROOT, "%s, constant %.4g", optimizer, t.learningRate());
    }

    private static String pruning(SchedulePlan plan) {
        PruningSpec p = plan.recipe().pruning();
        if (!p.prunes()) {
            return "none (a dense run)";
        }
        GmpScheduleSpec s = p.schedule();
        if (p.method().equals("maskllm")) { // no ramp: the N:M target holds from begin, the masks change every step
            return String.format(Locale.ROOT, "maskllm, %d:%d masks learned every step from %d, hardened at %d; over %d "
                    + "weights", p.nm().n(), p.nm().m(), s.begin(), s.end(), plan.selected().size());
        }
        String shape = switch (s.type()) {
            case "spdf" -> String.format(Locale.ROOT, "spdf: static %.4f from step %d, masks released at %d",
                    p.targetSparsity(), s.begin(), s.end());
            case "polynomial" -> String.format(Locale.ROOT, "polynomial (power %.3g) from %.4f to %.4f", s.power(),
                    s.initialSparsity(), p.targetSparsity());
            case "cubic" -> String.format(Locale.ROOT, "cubic from %.4f to %.4f", s.initialSparsity(), p.targetSparsity());
            default -> String.format(Locale.ROOT, "%s to %.4f", s.type(), p.targetSparsity());
        };
        String window = s.type().equals("spdf") ? "" : String.format(Locale.ROOT, ", steps %d to %d every %d (%d events)",
                s.begin(), s.end(), s.frequency(), plan.events().length);
        String fractions = s.window() == null ? "" : String.format(Locale.ROOT, " [%s window %.3g to %.3g]",
                s.window(), s.beginFraction(), s.endFraction());
        String allocation = p.nm() != null ? p.nm().n() + ":" + p.nm().m() + " per group" : p.allocation() + " allocation";
        return p.method() + ", " + shape + window + fractions + "; " + allocation + " over " + plan.selected().size()
                + " weights";
    }

    private static void steps(StringBuilder out, SchedulePlan plan) {
        List<String> names = plan.selected().stream().map(PrunableWeight::name).toList();
        boolean perLayer = plan.distinctLayerTargets();
        List<String> header = new ArrayList<>(List.of("step", "steps", "compute", "learning rate", "target"));
        if (perLayer) {
            header.addAll(names);
        }
        header.addAll(plan.hyperparameters());
        header.add("event");
        List<List<String>> cells = new ArrayList<>();
        cells.add(header);
        int steps = plan.recipe().train().steps();
        for (PlanRow row : plan.rows()) {
            List<String> c = new ArrayList<>(List.of(Long.toString(row.step()),
                    percent((double) row.step() / steps), percent(row.computeShare()),
                    String.format(Locale.ROOT, "%.4e", row.learningRate()), fraction(row.target())));
            if (perLayer) {
                for (double t : row.layerTargets()) {
                    c.add(fraction(t));
                }
            }
            row.hyperparameters().values().forEach(v -> c.add(String.format(Locale.ROOT, "%.4g", v)));
            c.add(row.event());
            cells.add(c);
        }
        columns(out, cells);
        if (!plan.recipe().pruning().prunes()) {
            return;
        }
        line(out, "(steps, compute: the share of the training steps, and of the pruned weights' compute, spent "
                + "before the step)");
        if (!perLayer) {
            line(out, "(per weight: %s)", plan.rows().get(0).layerTargets() == null
                    ? "one global magnitude threshold decides each weight's share at every event"
                    : "every selected weight follows the overall target");
        }
    }

    private static void layers(StringBuilder out, SchedulePlan plan) {
        // the sparsest row: the end of the ramp, or SPDF's sparse phase (after its release every target is 0)
        double[] finals = plan.rows().stream().max(Comparator.comparingDouble(PlanRow::target)).orElseThrow()
                .layerTargets();
        List<List<String>> cells = new ArrayList<>();
        cells.add(List.of("weight", "shape", "size", "target", "kept"));
        for (int i = 0; i < plan.selected().size(); i++) {
            PrunableWeight w = plan.selected().get(i);
            boolean known = finals != null;
            cells.add(List.of(w.name(), Arrays.toString(w.shape()), Long.toString(w.size()),
                    known ? fraction(finals[i]) : "global", known ? Long.toString(Math.round(w.size() * (1 - finals[i])))
                            : "-"));
        }
        columns(out, cells);
    }

    private static void cost(StringBuilder out, SchedulePlan plan) {
        TrainingCompute c = plan.compute();
        line(out, "N-bar (mean active parameters): %,.0f of %,d (%s); pruned weights: %,d, mean density %.4f",
                c.meanActiveParameters(), plan.parameters(), percent(c.meanActiveParameters() / plan.parameters()),
                plan.prunedParameters(), c.meanDensity());
        line(out, "sparse-compute share: %s of the training compute runs with sparse weights", percent(c.sparseShare()));
        line(out, "FLOPs saved: %s of a dense run (%.3g training FLOPs at 6 per zero weight per %s; dense SameDiff "
                        + "matmuls here still multiply the zeros)", percent(c.flopsSavedFraction()), c.flopsSaved(),
                plan.recipe().model().isLanguageModel() ? "token" : "example");
    }

    /** Left-aligned columns two spaces apart, the header underlined. */
    private static void columns(StringBuilder out, List<List<String>> cells) {
        int n = cells.get(0).size();
        int[] width = new int[n];
        for (List<String> row : cells) {
            for (int i = 0; i < n; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        for (int r = 0; r < cells.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                line.append(String.format("%-" + width[i] + "s", cells.get(r).get(i))).append(i < n - 1 ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                out.append("-".repeat(line.toString().stripTrailing().length())).append('\n');
            }
        }
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String fraction(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
