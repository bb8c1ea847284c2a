package org.prune4j.masks;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Moves weights and masks between ND4J and plain row-major Java arrays. */
final class HostArrays {

    private HostArrays() {
    }

    /** The values in row-major ('c') order, whatever the array's own ordering. */
    static float[] toFloats(INDArray a) {
        return a.dup('c').castTo(DataType.FLOAT).data().asFloat();
    }

    /** Columns of the {@code [size/last, last]} view: the output dimension of a weight. */
    static int columns(INDArray a) {
        return a.rank() == 0 ? 1 : Math.toIntExact(a.size(a.rank() - 1));
    }

    /** A float array of the same shape as {@code like}, row-major. */
    static INDArray like(float[] values, INDArray like) {
        return Nd4j.create(values, like.shape(), 'c');
    }
}
