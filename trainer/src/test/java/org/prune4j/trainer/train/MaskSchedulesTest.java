package org.prune4j.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prune4j.schedules.Schedule;
import org.prune4j.trainer.recipe.AnnealSpec;
import org.prune4j.trainer.recipe.GmpScheduleSpec;
import org.prune4j.trainer.recipe.MaskLlmSpec;
import org.prune4j.trainer.recipe.NmSpec;
import org.prune4j.trainer.recipe.PruningSpec;

class MaskSchedulesTest {

    private static PruningSpec maskllm(String tauShape, String decay) {
        return new PruningSpec("maskllm", null, null, null, ".*", null, new GmpScheduleSpec(100, 500, 1, 0.0, 1.0),
                new NmSpec(2, 4), null, new MaskLlmSpec(new AnnealSpec(4.0, 0.05, tauShape),
                new AnnealSpec(10.0, 100.0), null, null, null, null, 1e-5, decay, null, null, null, null));
    }

    @Test
    void maskllmSchedulesTauKappaAndLambdaOverItsMaskSteps() {
        Map<String, Schedule> s = MaskSchedules.of(maskllm("exponential", "linear"));
        assertEquals(List.of("maskllm.tau", "maskllm.kappa", "maskllm.lambda"), List.copyOf(s.keySet()));
        assertEquals(4.0, s.get(MaskSchedules.MASKLLM_TAU).valueAt(100));
        assertEquals(Math.sqrt(4 * 0.05), s.get(MaskSchedules.MASKLLM_TAU).valueAt(300), 1e-12);
        assertEquals(0.05, s.get(MaskSchedules.MASKLLM_TAU).valueAt(500));
        assertEquals(55.0, s.get(MaskSchedules.MASKLLM_KAPPA).valueAt(300), 1e-12);
        assertEquals(0.5e-5, s.get(MaskSchedules.MASKLLM_LAMBDA).valueAt(300), 1e-18);
        assertEquals(0.0, s.get(MaskSchedules.MASKLLM_LAMBDA).valueAt(500));
    }

    @Test
    void aConstantRegularizerStaysAndOtherMethodsScheduleNothing() {
        Schedule lambda = MaskSchedules.of(maskllm(null, "constant")).get(MaskSchedules.MASKLLM_LAMBDA);
        assertEquals(1e-5, lambda.valueAt(0));
        assertEquals(1e-5, lambda.valueAt(10_000));
        assertTrue(MaskSchedules.of(PruningSpec.dense()).isEmpty());
        assertTrue(MaskSchedules.of(new PruningSpec("gmp", 0.9, null, ".*", new GmpScheduleSpec(10, 60, 10, 0.0, 3.0),
                null)).isEmpty());
    }
}
