package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class HostArraysTest {

    /** Adam's moments are views into one state vector: the bulk path must land on the right half. */
    @Test
    void bulkReadsAndWritesHitExactlyTheViewsElements() {
        INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2 * 6);
        Map<String, INDArray> views = new Adam(1e-3).instantiate(state, true).getState();
        float[] m = {1, 2, 3, 4, 5, 6};
        float[] v = {7, 8, 9, 10, 11, 12};
        HostArrays.write(views.get("M"), m);
        HostArrays.write(views.get("V"), v);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, state.toFloatVector());
        assertArrayEquals(v, HostArrays.toFloats(views.get("V")));
        assertArrayEquals(m, HostArrays.toFloats(views.get("M")));
    }

    @Test
    void otherLayoutsGoThroughAssignInRowMajorOrder() {
        INDArray columnMajor = Nd4j.create(DataType.FLOAT, new long[] {2, 3}, 'f');
        HostArrays.write(columnMajor, new float[] {1, 2, 3, 4, 5, 6});
        assertEquals(2f, columnMajor.getFloat(0, 1));
        assertEquals(4f, columnMajor.getFloat(1, 0));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, HostArrays.toFloats(columnMajor));
        INDArray transposedView = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}}).transpose();
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, HostArrays.toFloats(transposedView));
        INDArray doubles = Nd4j.zeros(DataType.DOUBLE, 2, 2);
        HostArrays.write(doubles, new float[] {1, 2, 3, 4});
        assertEquals(3.0, doubles.getDouble(1, 0));
    }
}
