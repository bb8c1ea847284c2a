package org.prune4j.schedules.allocation;

import java.util.Arrays;
import java.util.List;

/** How the overall target sparsity of the selected weights is shared among them. */
public enum Allocation {

    /** Every layer at the overall target (Zhu &amp; Gupta, TF-MOT). */
    UNIFORM,

    /**
     * One magnitude threshold across all selected layers (the Journey Matters code): the overall count
     * is exact, and each layer's share follows from its weights at every pruning event, so it has no
     * per-layer targets known in advance.
     */
    GLOBAL,

    /** Erdos-Renyi-Kernel densities, see {@link ErkAllocation}. */
    ERK;

    /** Whether per-layer targets are known without the weights; false for {@link #GLOBAL}. */
    public boolean hasLayerTargets() {
        return this != GLOBAL;
    }

    /**
     * The target sparsity of each layer for an overall target, in the order of {@code shapes}; the
     * size-weighted mean of the result is {@code overall}.
     *
     * @throws IllegalStateException for {@link #GLOBAL}, whose per-layer sparsities depend on the weights
     */
    public double[] layerTargets(List<long[]> shapes, double overall) {
        return switch (this) {
            case UNIFORM -> {
                double[] out = new double[shapes.size()];
                Arrays.fill(out, overall);
                yield out;
            }
            case ERK -> ErkAllocation.sparsities(shapes, overall);
            case GLOBAL -> throw new IllegalStateException("global allocation has no per-layer targets: one "
                    + "magnitude threshold across layers decides them at each pruning event");
        };
    }
}
