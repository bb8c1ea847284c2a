package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MagnitudeMasksTest {

    @Test
    void keepsTheLargestMagnitudesRegardlessOfSign() {
        INDArray w = Nd4j.create(new float[] {0.1f, -0.9f, 0.5f, -0.2f, 0.05f, 0.7f}, new long[] {3, 2}, 'c');
        INDArray mask = MagnitudeMasks.layerMask(w, 0.5);
        assertArrayEquals(new float[] {0, 1, 1, 0, 0, 1}, mask.data().asFloat());
        assertArrayEquals(new long[] {3, 2}, mask.shape());
    }

    @Test
    void tiesAreBrokenByIndexSoTheCountIsExact() {
        INDArray w = Nd4j.ones(DataType.FLOAT, 10, 10);
        for (double s : new double[] {0.0, 0.13, 0.5, 0.9, 0.999}) {
            INDArray mask = MagnitudeMasks.layerMask(w, s);
            assertEquals(100 - MagnitudeMasks.keptCount(100, s), MagnitudeMasks.zeros(mask), "sparsity " + s);
        }
    }

    @Test
    void exactCountOnRandomLayers() {
        INDArray w = Nd4j.randn(DataType.FLOAT, 784, 300);
        INDArray mask = MagnitudeMasks.layerMask(w, 0.9);
        assertEquals(Math.round(784 * 300 * 0.9), MagnitudeMasks.zeros(mask));
        assertEquals(0.9, MagnitudeMasks.sparsity(mask), 1.0 / (784 * 300));
    }

    @Test
    void globalUsesOneThresholdAcrossLayers() {
        INDArray small = Nd4j.create(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, new long[] {4, 1}, 'c');
        INDArray large = Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {4, 1}, 'c');
        List<INDArray> masks = MagnitudeMasks.globalMasks(List.of(small, large), 0.5);
        assertEquals(1.0, MagnitudeMasks.sparsity(masks.get(0)), 0);
        assertEquals(0.0, MagnitudeMasks.sparsity(masks.get(1)), 0);
    }

    @Test
    void globalSparsitiesGiveLayerMasksEqualToTheGlobalOnes() {
        INDArray a = Nd4j.randn(DataType.FLOAT, 30, 20);
        INDArray b = Nd4j.randn(DataType.FLOAT, 20, 10).muli(2);
        INDArray tied = Nd4j.ones(DataType.FLOAT, 10, 4);
        List<INDArray> scores = List.of(a, b, tied);
        List<INDArray> global = MagnitudeMasks.globalMasks(scores, 0.7);
        double[] sparsities = MagnitudeMasks.globalSparsities(scores, 0.7);
        for (int i = 0; i < scores.size(); i++) {
            assertEquals(global.get(i), MagnitudeMasks.layerMask(scores.get(i), sparsities[i]), "layer " + i);
        }
    }

    @Test
    void prunedWeightsStayPrunedWhenScoresAreMasked() {
        INDArray w = Nd4j.randn(DataType.FLOAT, 64, 32);
        INDArray first = MagnitudeMasks.layerMask(w, 0.5);
        INDArray second = MagnitudeMasks.layerMask(w.mul(first), 0.75);
        assertEquals(0, first.sub(second).lt(0).castTo(DataType.INT32).sumNumber().intValue(), "no regrowth");
    }

    @Test
    void rejectsSparsityOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> MagnitudeMasks.keptCount(10, 1.01));
        assertThrows(IllegalArgumentException.class, () -> MagnitudeMasks.keptCount(10, -0.1));
    }
}
