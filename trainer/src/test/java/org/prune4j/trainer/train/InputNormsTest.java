package org.prune4j.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.prune4j.trainer.model.Mlp;
import org.prune4j.trainer.model.ModelGraph;

class InputNormsTest {

    /** Two fixed random batches of 8 examples, seeded by step. */
    static final BatchSource BATCHES = new BatchSource() {
        @Override
        public DataSet batch(long step) {
            Nd4j.getRandom().setSeed(100 + step);
            return new DataSet(Nd4j.randn(DataType.FLOAT, 8, 784), Nd4j.eye(10).getRows(0, 1, 2, 3, 4, 5, 6, 7)
                    .castTo(DataType.FLOAT));
        }

        @Override
        public DataCursor cursor(long step) {
            return new DataCursor(0, step * 8);
        }

        @Override
        public int batchSize() {
            return 8;
        }
    };

    /**
     * fc1's input is the features themselves, so its norms are the column norms of both batches
     * stacked; fc2's input is fc1's ReLU output, non-negative, with one norm per hidden unit.
     */
    @Test
    void normsAreTheL2NormsOfEachInputFeatureOverTheCalibrationBatches() {
        ModelGraph m = Mlp.build(1, 784, List.of(16), 10);
        Map<String, INDArray> norms = new InputNorms(m, BATCHES, 2).of(List.of("fc1/W", "fc2/W"));
        INDArray x = Nd4j.vstack(BATCHES.batch(0).getFeatures(), BATCHES.batch(1).getFeatures());
        INDArray expected = x.norm2(0);
        assertEquals(784, norms.get("fc1/W").length());
        for (int j = 0; j < 784; j++) {
            assertEquals(expected.getDouble(j), norms.get("fc1/W").getDouble(j), 1e-4, "feature " + j);
        }
        assertEquals(16, norms.get("fc2/W").length());
        assertTrue(norms.get("fc2/W").sumNumber().doubleValue() > 0, "fc2 sees fc1's activations");
    }
}
