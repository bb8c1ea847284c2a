package org.prune4j.masks;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Moves weights and masks between ND4J and plain row-major Java arrays. */
final class HostArrays {

    private HostArrays() {
    }

    /**
     * The values in row-major ('c') order, whatever the array's own ordering and type. A contiguous
     * row-major float array (every graph variable here) costs one copy: PDP reads every pruned
     * weight before every step.
     */
    static float[] toFloats(INDArray a) {
        if (isPlainFloat(a)) {
            return a.data().asFloat();
        }
        return a.dup('c').castTo(DataType.FLOAT).data().asFloat();
    }

    /** Writes row-major {@code values} into {@code target} in place, converting to its type. */
    static void write(INDArray target, float[] values) {
        if (isPlainFloat(target)) {
            target.data().setData(values);
        } else {
            target.assign(Nd4j.create(values, target.shape(), 'c'));
        }
    }

    /** Columns of the {@code [size/last, last]} view: the output dimension of a weight. */
    static int columns(INDArray a) {
        return a.rank() == 0 ? 1 : Math.toIntExact(a.size(a.rank() - 1));
    }

    /** A float array of the same shape as {@code like}, row-major. */
    static INDArray like(float[] values, INDArray like) {
        return Nd4j.create(values, like.shape(), 'c');
    }

    private static boolean isPlainFloat(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && a.offset() == 0
                && a.data().length() == a.length();
    }
}
