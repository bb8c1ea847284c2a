package org.prune4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelsTest {

    @Test
    void lenet300100HasThreeMaskedLayersWithInputDimsDivisibleByFour() {
        ModelGraph m = Mlp.build(1, 784, List.of(300, 100), 10);
        assertEquals(List.of("fc1/W", "fc2/W", "fc3/W"), m.prunable().stream().map(PrunableWeight::name).toList());
        assertArrayEquals(new long[] {784, 300}, m.prunable().get(0).shape());
        m.prunable().forEach(p -> assertEquals(0, p.inputDim() % 4, p.name()));
        assertEquals(784 * 300 + 300 + 300 * 100 + 100 + 100 * 10 + 10, m.parameterCount());
        assertLossNearLog10(m);
    }

    @Test
    void lenet5BuildsAndProducesTenLogits() {
        ModelGraph m = LeNet5.build(1, 10);
        assertEquals(List.of("conv1/W", "conv2/W", "fc1/W", "fc2/W", "fc3/W"),
                m.prunable().stream().map(PrunableWeight::name).toList());
        assertLossNearLog10(m);
    }

    @Test
    void initialisationIsAFunctionOfSeedAndName() {
        INDArray a = Mlp.build(7, 784, List.of(300, 100), 10).graph().getArrForVarName("fc2/W");
        INDArray b = Mlp.build(7, 784, List.of(64, 100), 10).graph().getArrForVarName("fc2/W");
        INDArray c = Mlp.build(8, 784, List.of(300, 100), 10).graph().getArrForVarName("fc2/W");
        assertEquals(a.getDouble(0, 0), Mlp.build(7, 784, List.of(300, 100), 10).graph().getArrForVarName("fc2/W").getDouble(0, 0));
        assertTrue(a.getDouble(0, 0) != c.getDouble(0, 0));
        // fc1's width changes fc2's fan-in (so its scale) but not its random stream
        assertEquals(a.getDouble(0, 0) / Math.sqrt(2.0 / 300), b.getDouble(0, 0) / Math.sqrt(2.0 / 64), 1e-5);
        assertEquals(Math.sqrt(2.0 / 300), a.stdNumber().doubleValue(), 0.01 * Math.sqrt(2.0 / 300) * 10);
    }

    /** With He init and zero biases the untrained loss is about ln(10) = 2.30 (a wide band: it is one random batch). */
    private static void assertLossNearLog10(ModelGraph m) {
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 10);
        for (int i = 0; i < 32; i++) {
            y.putScalar(i, i % 10, 1f);
        }
        Map<String, INDArray> out = m.graph().output(Map.of("input", x, "label", y), "logits", "loss");
        assertArrayEquals(new long[] {32, 10}, out.get("logits").shape());
        double loss = out.get("loss").getDouble(0);
        assertTrue(loss > 1.0 && loss < 6.0, "loss " + loss);
    }
}
