package org.prune4j.trainer.model;

import java.util.Arrays;

/**
 * A weight the mask methods may prune: its variable, the mask constant it is multiplied by, and its
 * shape ({@code [nIn, nOut]} for dense layers, {@code [kH, kW, inChannels, outChannels]} for convolutions).
 */
public record PrunableWeight(String name, String maskName, long[] shape) {

    public PrunableWeight {
        shape = shape.clone();
    }

    /** Number of entries. */
    public long size() {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    /** The input dimension of a dense weight, along which N:M groups run; for a convolution, kH*kW*inChannels. */
    public long inputDim() {
        return size() / shape[shape.length - 1];
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrunableWeight p && name.equals(p.name) && maskName.equals(p.maskName)
                && Arrays.equals(shape, p.shape);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
