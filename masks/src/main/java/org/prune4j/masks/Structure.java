package org.prune4j.masks;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The units a mask keeps or prunes together: single entries ({@link Unstructured}), whole output
 * channels ({@link Channels}), or N of every M entries along the input dimension ({@link NmPattern}).
 * A weight is seen as {@code [size/last, last]}: the last dimension is the output (DL4J dense weights
 * are {@code [nIn, nOut]}, convolutions {@code [kH, kW, inChannels, outChannels]}).
 */
public sealed interface Structure permits Unstructured, Channels, NmPattern {

    /**
     * Checks that a weight of this shape splits into this structure's units.
     *
     * @throws IllegalArgumentException naming the weight, the rule and the value
     */
    void validate(String weight, long[] shape);

    /**
     * The exact 0/1 mask that prunes the fraction {@code sparsity} of the units with the smallest
     * {@code scores} magnitude: exactly {@code round(units * (1 - sparsity))} units survive, ties
     * broken by index.
     */
    INDArray hardMask(INDArray scores, double sparsity);
}
