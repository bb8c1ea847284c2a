package org.prune4j.trainer.recipe;

import java.util.List;
import org.prune4j.schedules.CosineSchedule;
import org.prune4j.schedules.ExponentialSchedule;
import org.prune4j.schedules.LinearSchedule;
import org.prune4j.schedules.Schedule;

/**
 * A value annealed from {@code from} at {@code pruning.schedule.begin} to {@code to} at
 * {@code pruning.schedule.end} (MaskLLM's τ and κ, reference/algorithms.md §4.2). Both must be positive.
 *
 * @param shape {@code linear} (a straight line), {@code exponential} (a constant ratio per step, the usual
 *              temperature anneal: as many steps from 4 to 0.4 as from 0.4 to 0.04) or {@code cosine} (half a
 *              cosine, flat at both ends) (default linear)
 */
public record AnnealSpec(Double from, Double to, String shape) {

    public static final List<String> SHAPES = List.of("linear", "exponential", "cosine");

    public AnnealSpec {
        Rules.positive("from", Rules.required("from", from));
        Rules.positive("to", Rules.required("to", to));
        Rules.oneOf("shape", shape = Rules.orDefault(shape, "linear"), SHAPES);
    }

    /** A linear anneal. */
    public AnnealSpec(Double from, Double to) {
        this(from, to, null);
    }

    /** The anneal as a schedule over {@code begin < end}: {@code from} until begin, {@code to} from end on. */
    public Schedule schedule(long begin, long end) {
        return switch (shape) {
            case "exponential" -> new ExponentialSchedule(from, to, begin, end);
            case "cosine" -> new CosineSchedule(from, to, begin, end);
            default -> new LinearSchedule(from, to, begin, end);
        };
    }
}
