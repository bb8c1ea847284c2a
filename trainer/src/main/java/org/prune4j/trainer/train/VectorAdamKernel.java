package org.prune4j.trainer.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScalarAdamKernel}'s arithmetic on as many entries at once as the CPU's widest float vector holds;
 * the square root is correctly rounded in both, as every other operation, so the bits are the same.
 * Entries after the last full vector go to the scalar form.
 */
final class VectorAdamKernel implements AdamKernel {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final ScalarAdamKernel TAIL = new ScalarAdamKernel();

    @Override
    public void step(float[] param, float[] gradient, float[] m, float[] v, AdamCoefficients c, int from, int to) {
        int end = from + (to - from) / FLOATS.length() * FLOATS.length();
        for (int i = from; i < end; i += FLOATS.length()) {
            FloatVector g = FloatVector.fromArray(FLOATS, gradient, i);
            FloatVector mi = FloatVector.fromArray(FLOATS, m, i).mul(c.beta1()).add(g.mul(c.oneMinusBeta1()));
            FloatVector vi = FloatVector.fromArray(FLOATS, v, i).mul(c.beta2()).add(g.mul(g).mul(c.oneMinusBeta2()));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector p = FloatVector.fromArray(FLOATS, param, i);
            p.mul(c.decay()).sub(mi.mul(c.stepSize()).div(vi.sqrt().add(c.epsilon()))).intoArray(param, i);
        }
        TAIL.step(param, gradient, m, v, c, end, to);
    }
}
