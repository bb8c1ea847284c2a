package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MagnitudeMaskTest {

    private static INDArray randomWeight(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, shape);
    }

    @Test
    void updatesToTheExactLayerMaskAndZeroesThePrunedWeights() {
        INDArray w = randomWeight(1, 32, 16);
        OneWeightGraph g = new OneWeightGraph(new MagnitudeMask(new Unstructured()), w.dup());
        assertEquals(w, g.masked(), "all ones before the first update");
        g.update(0.75);
        INDArray expected = MagnitudeMasks.layerMask(w, 0.75);
        assertEquals(expected, g.method.hardMasks(g.sd).get(OneWeightGraph.W));
        assertEquals(w.mul(expected), g.weight(), "pruned weights are zeroed");
        assertEquals(w.mul(expected), g.masked());
    }

    @Test
    void prunedWeightsStayPrunedAsTheTargetRises() {
        OneWeightGraph g = new OneWeightGraph(new MagnitudeMask(new Unstructured()), randomWeight(2, 32, 16));
        g.update(0.5);
        INDArray first = g.method.hardMasks(g.sd).get(OneWeightGraph.W);
        g.weight().addi(randomWeight(3, 32, 16)); // training moves the weights, pruned ones included
        g.update(0.8);
        INDArray second = g.method.hardMasks(g.sd).get(OneWeightGraph.W);
        assertEquals(0, second.sub(first).gt(0).castTo(DataType.INT32).sumNumber().intValue(), "no regrowth");
        assertEquals(Math.round(32 * 16 * 0.8), MagnitudeMasks.zeros(second));
    }

    @Test
    void channelMasksPruneWholeOutputColumnsByNorm() {
        INDArray w = randomWeight(4, 8, 10);
        w.getColumn(3).muli(0.01);
        OneWeightGraph g = new OneWeightGraph(new MagnitudeMask(new Channels()), w);
        g.update(0.1);
        INDArray mask = g.method.hardMasks(g.sd).get(OneWeightGraph.W);
        assertEquals(8, MagnitudeMasks.zeros(mask), "one channel of 8 inputs");
        assertEquals(0.0, mask.getColumn(3).sumNumber().doubleValue(), 0, "the smallest-norm column");
    }

    @Test
    void nmMasksKeepNPerGroupAndHardeningFreezes() {
        OneWeightGraph g = new OneWeightGraph(new MagnitudeMask(new NmPattern(2, 4)), randomWeight(5, 16, 8));
        g.update(0.5);
        INDArray mask = g.method.hardMasks(g.sd).get(OneWeightGraph.W);
        assertEquals(0, new NmPattern(2, 4).violations(mask));
        assertEquals(64, mask.sumNumber().intValue());
        g.method.harden(g.sd);
        assertThrows(IllegalStateException.class, () -> g.update(0.5));
    }

    @Test
    void stateIsTheMaskConstants() {
        INDArray w = randomWeight(6, 16, 8);
        OneWeightGraph a = new OneWeightGraph(new MagnitudeMask(new Unstructured()), w.dup());
        a.update(0.6);
        Map<String, INDArray> state = a.method.state(a.sd);
        assertEquals(java.util.Set.of(OneWeightGraph.W + "_mask"), state.keySet());
        OneWeightGraph b = new OneWeightGraph(new MagnitudeMask(new Unstructured()), w.dup());
        b.method.restore(b.sd, state);
        assertEquals(a.masked(), b.masked());
        assertEquals("state must contain layer/W_mask, got []", assertThrows(IllegalArgumentException.class,
                () -> b.method.restore(b.sd, Map.of())).getMessage());
    }
}
