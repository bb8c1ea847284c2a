package org.prune4j.trainer.train;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.prune4j.masks.HostArrays;
import org.prune4j.masks.HostParallel;

/**
 * One Adam update of a float parameter on the host with {@link AdamKernel}, reading and writing the
 * parameter, the gradient and ND4J's moment arrays in place in their native memory, a cache-sized
 * chunk at a time; a large parameter in ranges over the cores ({@link HostParallel}: every entry is
 * computed alone, so the bits do not depend on how). For arrays that do not lie contiguous in row-major order, {@link #step} declines and
 * ND4J's own updater runs.
 */
final class HostAdam {

    private static final AdamKernel KERNEL = AdamKernel.fastest();
    /** Entries per chunk: four chunk buffers stay in the L2 cache. */
    private static final int CHUNK = 1 << 14;

    private HostAdam() {
    }

    /**
     * {@code param = param·decay - adam's update} with moments {@code m} and {@code v} (updated in place) at
     * step {@code iteration}; the gradient is left as it is. Returns false, changing nothing, where an
     * array is not a contiguous float array.
     */
    static boolean step(Adam adam, int iteration, double decay, INDArray param, INDArray gradient, INDArray m,
                        INDArray v) {
        if (HostArrays.floats(param) == null || HostArrays.floats(gradient) == null || HostArrays.floats(m) == null
                || HostArrays.floats(v) == null) {
            return false;
        }
        AdamCoefficients c = AdamCoefficients.of(adam, iteration, decay);
        HostParallel.forRanges(Math.toIntExact(param.length()), (part, from, to) -> {
            FloatBuffer p = HostArrays.floats(param); // a buffer of its own per range: buffers are not thread-safe
            FloatBuffer g = HostArrays.floats(gradient);
            FloatBuffer mb = HostArrays.floats(m);
            FloatBuffer vb = HostArrays.floats(v);
            int size = Math.min(CHUNK, to - from);
            float[] pc = new float[size];
            float[] gc = new float[size];
            float[] mc = new float[size];
            float[] vc = new float[size];
            for (int at = from; at < to; at += size) {
                int length = Math.min(size, to - at);
                p.get(at, pc, 0, length);
                g.get(at, gc, 0, length);
                mb.get(at, mc, 0, length);
                vb.get(at, vc, 0, length);
                KERNEL.step(pc, gc, mc, vc, c, 0, length);
                p.put(at, pc, 0, length);
                mb.put(at, mc, 0, length);
                vb.put(at, vc, 0, length);
            }
        });
        return true;
    }
}
