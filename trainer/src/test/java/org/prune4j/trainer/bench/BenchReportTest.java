package org.prune4j.trainer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    /** A ratio just over the limit must not read as the limit itself next to "no". */
    @Test
    void aTargetShowsAThirdDecimalWhereTwoWouldRoundAcrossTheLimit() {
        assertEquals("| t | 1.250x | **no** |\n", BenchReport.target("t", 1.2504, 1.25).replace("\r", ""));
        assertEquals("| t | 1.25x | yes |\n", BenchReport.target("t", 1.2496, 1.25).replace("\r", ""));
        assertEquals("| t | 1.25x | yes |\n", BenchReport.target("t", 1.25, 1.25).replace("\r", ""));
        assertEquals("| t | 1.30x | **no** |\n", BenchReport.target("t", 1.3, 1.25).replace("\r", ""));
        assertEquals("| t | 1.24x | yes |\n", BenchReport.target("t", 1.244, 1.25).replace("\r", ""));
    }

    /**
     * PyTorch's MaskLLM arm goes in its own table, against PyTorch's dense step, next to prune4j's against its
     * own; not in the step table nor the targets. Two rounds of made-up times, each arm's round medians in
     * proportion, so every ratio is exact.
     */
    @Test
    void maskLlmInPytorchIsSetAgainstPytorchsDenseStepNextToPrune4jsAgainstItsOwn() {
        BenchModel model = BenchModel.mlp("m", 4, 8, 4);
        List<StepBenchmark.ArmResult> arms = List.of(arm("dense", 10), arm("maskllm-joint", 12), arm("pytorch", 5),
                arm("pytorch-maskllm-joint", 20));
        Benchmarks.Results results = new Benchmarks.Results(
                new Machine("cpu", 2, 1L << 30, "17", "nd4j", "1", "2026-11-29"), Stats.of(new double[] {100}),
                Benchmarks.Plan.quick(), "PyTorch",
                Map.of(model, new StepBenchmark.ModelRun(arms, new JitWarmup.Result(1, 1, 0), 0)));

        String md = BenchReport.markdown("bench", 1, results, null);

        assertTrue(md.contains("| m | joint | 20.00 | 4.00x (4.00-4.00) | 12.00 | 1.20x (1.20-1.20) | 0.60x |\n"), md);
        assertFalse(md.contains("| m | 4 | pytorch-maskllm-joint |"), md);
        assertFalse(md.contains("pytorch-maskllm-joint step <= 1.25x"), md);
        assertTrue(md.contains("maskllm-joint step <= 1.25x dense, m | 1.20x | yes |"), md);
    }

    /** An arm whose two rounds took {@code ms} and {@code 2·ms} per step. */
    private static StepBenchmark.ArmResult arm(String name, double ms) {
        return new StepBenchmark.ArmResult(name, Stats.of(new double[] {ms, ms, 2 * ms}), new double[] {ms, 2 * ms});
    }
}
