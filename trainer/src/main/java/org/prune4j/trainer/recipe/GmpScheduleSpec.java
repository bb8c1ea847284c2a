package org.prune4j.trainer.recipe;

/**
 * {@code pruning.schedule:} when the Zhu &amp; Gupta ramp runs (reference/algorithms.md §1).
 *
 * @param begin            first pruning step (default 0)
 * @param end              step at which the target is reached (required); {@code end == begin} prunes
 *                         to the target in one shot at that step
 * @param frequency        steps between pruning events (default 100)
 * @param initialSparsity  sparsity at {@code begin} (default 0)
 * @param power            exponent of the ramp (default 3, the cubic)
 */
public record GmpScheduleSpec(Integer begin, Integer end, Integer frequency, Double initialSparsity, Double power) {

    public GmpScheduleSpec {
        Rules.nonNegative("begin", begin = Rules.orDefault(begin, 0));
        Rules.required("end", end);
        if (end < begin) {
            throw new RecipeException("end", "must be >= begin=" + begin + " (equal: one shot at begin)", end);
        }
        Rules.positive("frequency", frequency = Rules.orDefault(frequency, 100));
        if (end > begin && frequency > end - begin) {
            throw new RecipeException("frequency", "must be <= end - begin = " + (end - begin), frequency);
        }
        Rules.sparsity("initialSparsity", initialSparsity = Rules.orDefault(initialSparsity, 0.0));
        Rules.positive("power", power = Rules.orDefault(power, 3.0));
    }
}
