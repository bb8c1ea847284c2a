package org.prune4j.trainer.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.prune4j.schedules.ConstantSchedule;
import org.prune4j.schedules.LinearSchedule;
import org.prune4j.schedules.Schedule;
import org.prune4j.trainer.recipe.MaskLlmSpec;
import org.prune4j.trainer.recipe.PruningSpec;

/**
 * The mask hyperparameters a pruning method changes over training, by name, as {@code pruning} asks for
 * them. Shared by the pruner and the planner, so a plan shows the values training will use.
 *
 * <p>Only MaskLLM has any: τ and κ anneal from {@code schedule.begin} to {@code schedule.end} as their
 * {@code shape} says, λ decays linearly to 0 at {@code end} or stays constant. PDP's τ is no schedule: it is
 * fixed once per layer at {@code begin}, from the weights' scores there, so no recipe alone can tell it.
 */
public final class MaskSchedules {

    public static final String MASKLLM_TAU = "maskllm.tau";
    public static final String MASKLLM_KAPPA = "maskllm.kappa";
    public static final String MASKLLM_LAMBDA = "maskllm.lambda";

    private MaskSchedules() {
    }

    /** The schedules in a fixed order (empty for gmp, pdp and dense runs); the spec must be resolved. */
    public static Map<String, Schedule> of(PruningSpec spec) {
        Map<String, Schedule> out = new LinkedHashMap<>();
        if (spec.method().equals("maskllm")) {
            MaskLlmSpec m = spec.maskllm();
            long begin = spec.schedule().begin();
            long end = spec.schedule().end();
            out.put(MASKLLM_TAU, m.tau().schedule(begin, end));
            out.put(MASKLLM_KAPPA, m.kappa().schedule(begin, end));
            out.put(MASKLLM_LAMBDA, m.regularizerDecay().equals("linear")
                    ? new LinearSchedule(m.regularizer(), 0, begin, end) : new ConstantSchedule(m.regularizer()));
        }
        return Collections.unmodifiableMap(out);
    }
}
