package org.prune4j.trainer.train;

import java.nio.ByteBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.prune4j.masks.HostArrays;
import org.prune4j.masks.HostParallel;
import org.prune4j.masks.HostUpdates;

/**
 * One Adam update of a float parameter on the host with {@link AdamKernel}, reading and writing the
 * parameter, the gradient and ND4J's moment arrays in place in their native memory; a large parameter in
 * ranges over the cores ({@link HostParallel}: every entry is computed alone, so the bits do not depend on
 * how). For arrays that do not lie contiguous in row-major order, {@link #step} declines and ND4J's own
 * updater runs.
 */
final class HostAdam {

    private static final AdamKernel KERNEL = AdamKernel.fastest();

    private HostAdam() {
    }

    /**
     * {@code param = param·decay - adam's update} with moments {@code m} and {@code v} (updated in place) at
     * step {@code iteration}; the gradient is left as it is. Returns false, changing nothing, where an
     * array is not a contiguous float array.
     */
    static boolean step(Adam adam, int iteration, double decay, INDArray param, INDArray gradient, INDArray m,
                        INDArray v) {
        HostUpdates.RangeStep step = rangeStep(adam, iteration, decay, param, m, v);
        return step != null && run(step, gradient);
    }

    /**
     * {@code step} over all the parameter's entries, with {@code gradient}, in ranges over the cores; false,
     * changing nothing, where the gradient is not a contiguous float array.
     */
    static boolean run(HostUpdates.RangeStep step, INDArray gradient) {
        ByteBuffer g = HostArrays.bytes(gradient);
        if (g == null) {
            return false;
        }
        // absolute reads and writes of disjoint entries: the ranges share the buffers safely
        int n = Math.toIntExact(gradient.length());
        HostParallel.forRanges(n, HostParallel.ranges(n), (part, from, to) -> step.apply(g, 0, from, to));
        return true;
    }

    /**
     * The same update, range by range, with the gradient given to each range (a mask method's host
     * gradient, computed block by block); null where an array is not a contiguous float array.
     */
    static HostUpdates.RangeStep rangeStep(Adam adam, int iteration, double decay, INDArray param, INDArray m,
                                           INDArray v) {
        ByteBuffer p = HostArrays.bytes(param);
        ByteBuffer mb = HostArrays.bytes(m);
        ByteBuffer vb = HostArrays.bytes(v);
        if (p == null || mb == null || vb == null) {
            return null;
        }
        AdamCoefficients c = AdamCoefficients.of(adam, iteration, decay);
        return (gradient, shift, from, to) -> KERNEL.step(p, gradient, shift, mb, vb, c, from, to);
    }
}
