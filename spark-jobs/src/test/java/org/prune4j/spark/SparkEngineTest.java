package org.prune4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SparkEngineTest {

    /** Only the moments of packed weights whose slot has a known idle decay leave the dense state. */
    @Test
    void theMomentsOfPackedWeightsArePackedLikeThemAndTheRestStayDense() {
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 0}, {0, 0}});
        PackedArray weight = PackedArray.packIfSparse(Nd4j.createFromArray(new float[][] {{5, 6}, {7, 8}}), mask);
        Map<String, INDArray> state = new HashMap<>(Map.of(
                "fc1/W/M", Nd4j.createFromArray(new float[] {1, 2, 3, 4}),
                "fc1/W/V", Nd4j.createFromArray(new float[] {9, 8, 7, 6}),
                "fc1/W/X", Nd4j.createFromArray(new float[] {0, 0, 0, 0}),
                "fc1/b/M", Nd4j.createFromArray(new float[] {1, 1})));
        Map<String, PackedArray> packed = SparkEngine.packIdleMoments(state, Map.of("fc1/W", weight),
                Map.of("M", 0.9f, "V", 0.999f));
        assertEquals(Set.of("fc1/W/M", "fc1/W/V"), packed.keySet());
        assertEquals(Set.of("fc1/W/X", "fc1/b/M"), state.keySet(), "a slot of unknown decay and unpacked weights stay");
        assertArrayEquals(new float[] {1}, packed.get("fc1/W/M").keptValues);
        assertArrayEquals(new float[] {9}, packed.get("fc1/W/V").keptValues);
        assertSame(weight.keptBits, packed.get("fc1/W/M").keptBits, "the weight's bitmask, shared");
        assertEquals(weight.bytes() + 2 * 4, PackedArray.bytes(List.of(weight, packed.get("fc1/W/M"),
                packed.get("fc1/W/V"))), "a shared bitmask counts once");
    }
}
