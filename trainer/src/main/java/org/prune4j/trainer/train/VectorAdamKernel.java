package org.prune4j.trainer.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScalarAdamKernel}'s arithmetic on as many entries at once as the CPU's widest float vector holds;
 * the square root is correctly rounded in both, as every other operation, so the bits are the same.
 * Entries after the last full vector go to the scalar form.
 */
final class VectorAdamKernel implements AdamKernel {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final ScalarAdamKernel TAIL = new ScalarAdamKernel();

    @Override
    public void step(ByteBuffer param, ByteBuffer gradient, int shift, ByteBuffer m, ByteBuffer v, AdamCoefficients c,
                     int from, int to) {
        int end = from + (to - from) / FLOATS.length() * FLOATS.length();
        for (int i = from; i < end; i += FLOATS.length()) {
            int at = i * Float.BYTES;
            FloatVector g = FloatVector.fromByteBuffer(FLOATS, gradient, (i + shift) * Float.BYTES, ORDER);
            FloatVector mi = FloatVector.fromByteBuffer(FLOATS, m, at, ORDER).mul(c.beta1())
                    .add(g.mul(c.oneMinusBeta1()));
            FloatVector vi = FloatVector.fromByteBuffer(FLOATS, v, at, ORDER).mul(c.beta2())
                    .add(g.mul(g).mul(c.oneMinusBeta2()));
            mi.intoByteBuffer(m, at, ORDER);
            vi.intoByteBuffer(v, at, ORDER);
            FloatVector.fromByteBuffer(FLOATS, param, at, ORDER).mul(c.decay())
                    .sub(mi.mul(c.stepSize()).div(vi.sqrt().add(c.epsilon()))).intoByteBuffer(param, at, ORDER);
        }
        TAIL.step(param, gradient, shift, m, v, c, end, to);
    }
}
