package org.prune4j.masks;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Every entry is its own unit: the classic magnitude mask over the whole weight. */
public record Unstructured() implements Structure {

    @Override
    public void validate(String weight, long[] shape) {
        // any shape splits into entries
    }

    @Override
    public INDArray hardMask(INDArray scores, double sparsity) {
        return MagnitudeMasks.layerMask(scores, sparsity);
    }

    @Override
    public String toString() {
        return "unstructured";
    }
}
