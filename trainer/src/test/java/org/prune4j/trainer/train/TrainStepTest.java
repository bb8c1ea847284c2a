package org.prune4j.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.prune4j.trainer.model.Mlp;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.recipe.TrainSpec;

/** The {@code train:} keys that shape one update: Adam's betas, decoupled weight decay, clipping. */
class TrainStepTest {

    private static TrainSpec train(Double beta2, Double weightDecay, Double gradientClip) {
        return new TrainSpec(10, 8, "adam", 0.01, null, null, null, null, null, null, null,
                null, beta2, weightDecay, gradientClip);
    }

    private static DataSet batch() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 12);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 3);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return new DataSet(x, y);
    }

    /** AdamW: from the same weights and batch, decay changes the update by exactly -lr·wd·w. */
    @Test
    void weightDecayIsDecoupledFromTheAdamUpdate() {
        ModelGraph plain = Mlp.build(5, 12, List.of(6), 3);
        ModelGraph decayed = Mlp.build(5, 12, List.of(6), 3);
        INDArray before = decayed.graph().getArrForVarName("fc1/W").dup();
        TrainStep.of(plain, train(null, null, null), Pruner.NONE).run(batch(), 0, 0.01);
        TrainStep.of(decayed, train(null, 0.1, null), Pruner.NONE).run(batch(), 0, 0.01);
        INDArray difference = decayed.graph().getArrForVarName("fc1/W").sub(plain.graph().getArrForVarName("fc1/W"));
        assertArrayEquals(before.mul(-0.01 * 0.1).ravel().toDoubleVector(), difference.ravel().toDoubleVector(), 1e-7);
    }

    /** train.frozen (and a pruner's groups) come before the catch-all group that carries the decay. */
    @Test
    void frozenVariablesEscapeTheDecay() {
        ModelGraph model = Mlp.build(5, 12, List.of(6), 3);
        INDArray before = model.graph().getArrForVarName("fc1/W").dup();
        INDArray trained = model.graph().getArrForVarName("fc2/W").dup();
        TrainSpec frozenFc1 = new TrainSpec(10, 8, "adam", 0.01, null, null, null, null, null, null, "fc1/.*",
                null, null, 0.1, null);
        TrainStep.of(model, frozenFc1, Pruner.NONE).run(batch(), 0, 0.01);
        assertEquals(before, model.graph().getArrForVarName("fc1/W"));
        assertNotEquals(trained, model.graph().getArrForVarName("fc2/W"));
    }

    @Test
    void aGradientNormThatIsNotFiniteIsADivergenceNotAClip() {
        INDArray a = Nd4j.createFromArray(Double.NaN, 4.0);
        assertTrue(Double.isNaN(GradientClipping.clipGlobalNorm(List.of(a), 1.0)));
        assertEquals(4.0, a.getDouble(1), "left as it was");
    }

    @Test
    void beta2ReachesAdam() {
        Adam adam = assertInstanceOf(Adam.class, Optimizers.updater(train(0.95, null, null)));
        assertEquals(0.9, adam.getBeta1());
        assertEquals(0.95, adam.getBeta2());
    }

    /** Worked by hand: gradients (3, 4) and (12) have norm 13; clipped to 6.5 they halve. */
    @Test
    void clippingScalesEveryGradientByTheGlobalNorm() {
        INDArray a = Nd4j.createFromArray(3.0, 4.0);
        INDArray b = Nd4j.createFromArray(12.0);
        assertEquals(13.0, GradientClipping.clipGlobalNorm(List.of(a, b), 6.5), 1e-12);
        double coefficient = 6.5 / (13 + 1e-6); // PyTorch's clip_grad_norm_
        assertArrayEquals(new double[] {3 * coefficient, 4 * coefficient}, a.toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {12 * coefficient}, b.toDoubleVector(), 1e-12);
    }

    @Test
    void gradientsUnderTheLimitAreLeftAlone() {
        INDArray a = Nd4j.createFromArray(3.0, 4.0);
        assertEquals(5.0, GradientClipping.clipGlobalNorm(Map.of("a", a).values(), 5.1), 1e-12);
        assertArrayEquals(new double[] {3, 4}, a.toDoubleVector(), 0);
    }
}
