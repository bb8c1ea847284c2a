package org.prune4j.trainer.train;

/** {@link AdamKernel} entry by entry: the reference arithmetic, which {@link VectorAdamKernel} repeats. */
final class ScalarAdamKernel implements AdamKernel {

    @Override
    public void step(float[] param, float[] gradient, float[] m, float[] v, AdamCoefficients c, int from, int to) {
        for (int i = from; i < to; i++) {
            float g = gradient[i];
            float mi = c.beta1() * m[i] + g * c.oneMinusBeta1();
            float vi = c.beta2() * v[i] + g * g * c.oneMinusBeta2();
            m[i] = mi;
            v[i] = vi;
            param[i] = param[i] * c.decay() - mi * c.stepSize() / ((float) Math.sqrt(vi) + c.epsilon());
        }
    }
}
