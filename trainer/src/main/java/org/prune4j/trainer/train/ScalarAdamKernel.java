package org.prune4j.trainer.train;

import java.nio.ByteBuffer;

/** {@link AdamKernel} entry by entry: the reference arithmetic, which {@link VectorAdamKernel} repeats. */
final class ScalarAdamKernel implements AdamKernel {

    @Override
    public void step(ByteBuffer param, ByteBuffer gradient, int shift, ByteBuffer m, ByteBuffer v, AdamCoefficients c,
                     int from, int to) {
        for (int i = from; i < to; i++) {
            int at = i * Float.BYTES;
            float g = gradient.getFloat((i + shift) * Float.BYTES);
            float mi = c.beta1() * m.getFloat(at) + g * c.oneMinusBeta1();
            float vi = c.beta2() * v.getFloat(at) + g * g * c.oneMinusBeta2();
            m.putFloat(at, mi);
            v.putFloat(at, vi);
            param.putFloat(at, param.getFloat(at) * c.decay() - mi * c.stepSize() / ((float) Math.sqrt(vi) + c.epsilon()));
        }
    }
}
