package org.prune4j.trainer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** pytorch_step.py, run where Debian's python3-torch is installed (skipped elsewhere, saying why). */
class PyTorchBaselineTest {

    @Test
    void anMlpIsTimedDenseAndWithMaskLlmInBothModesForTheStepsAsked() {
        String[] why = {null};
        Optional<PyTorchBaseline> pytorch = PyTorchBaseline.detect(1, why);
        assumeTrue(pytorch.isPresent(), () -> why[0]);

        Map<String, double[]> ms = pytorch.get().time(BenchModel.mlp("tiny", 4, 8, 8, 4), 5, 1, 3, 1);

        assertEquals(List.of("pytorch", "pytorch-maskllm-mask-only", "pytorch-maskllm-joint"),
                List.copyOf(ms.keySet()));
        assertEquals(5, ms.get("pytorch").length);
        assertEquals(3, ms.get("pytorch-maskllm-mask-only").length);
        assertEquals(3, ms.get("pytorch-maskllm-joint").length);
        ms.values().forEach(steps -> {
            for (double step : steps) {
                assertTrue(step > 0, () -> "a step took " + step + " ms");
            }
        });
    }

    @Test
    void noMaskStepsTimesTheDenseModelOnly() {
        String[] why = {null};
        Optional<PyTorchBaseline> pytorch = PyTorchBaseline.detect(1, why);
        assumeTrue(pytorch.isPresent(), () -> why[0]);

        assertEquals(List.of("pytorch"),
                List.copyOf(pytorch.get().time(BenchModel.mlp("tiny", 4, 8, 4), 2, 0, 0, 0).keySet()));
    }
}
