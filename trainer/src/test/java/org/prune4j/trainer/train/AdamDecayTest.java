package org.prune4j.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.prune4j.trainer.model.Mlp;
import org.prune4j.trainer.model.ModelGraph;

/**
 * {@link TrainStep#idleDecay()} is what ND4J's Adam does to the moments of an entry whose gradient is
 * zero, bit for bit: Spark's driver replays it for pruned entries instead of shipping their moments.
 */
class AdamDecayTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.999, 0.95})
    void zeroGradientStepsMultiplyTheMomentsByTheFloatBetas(double beta2) {
        ModelGraph model = Mlp.build(1, 300, List.of(200), 10);
        TrainStep step = new TrainStep(model, new Adam(1e-3, 0.9, beta2, 1e-8));
        Map<String, Float> decay = step.idleDecay();
        assertEquals(Map.of("M", 0.9f, "V", (float) beta2), decay);
        Map<String, INDArray> state = step.optimizerState();
        Nd4j.getRandom().setSeed(11);
        Map<String, float[]> expected = new HashMap<>();
        state.forEach((name, array) -> {
            array.assign(name.endsWith("/V") ? Nd4j.rand(DataType.FLOAT, array.shape())
                    : Nd4j.randn(DataType.FLOAT, array.shape()));
            expected.put(name, array.dup().data().asFloat());
        });
        for (int k = 0; k < 8; k++) {
            Map<String, INDArray> zeros = new HashMap<>();
            step.parameters().forEach(p -> zeros.put(p,
                    Nd4j.zeros(DataType.FLOAT, model.graph().getArrForVarName(p).shape())));
            step.apply(zeros, k, 1e-3);
            expected.forEach((name, values) -> {
                float factor = decay.get(name.substring(name.lastIndexOf('/') + 1));
                for (int i = 0; i < values.length; i++) {
                    values[i] *= factor;
                }
            });
        }
        expected.forEach((name, values) -> {
            float[] actual = state.get(name).data().asFloat();
            for (int i = 0; i < values.length; i++) {
                assertEquals(Float.floatToIntBits(values[i]), Float.floatToIntBits(actual[i]), name + "[" + i + "]");
            }
        });
    }
}
