package org.prune4j.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.prune4j.masks.HostKernels;

class HostAdamTest {

    /** The Vector API form gives the scalar form's bits (the build's test JVMs have the module), tail included. */
    @ParameterizedTest
    @ValueSource(ints = {1, 15, 1000, 4099})
    void theVectorFormGivesTheScalarFormsBits(int n) {
        assertTrue(HostKernels.vectorApi(), "the test JVM must have jdk.incubator.vector");
        AdamKernel vector = AdamKernel.fastest();
        assertInstanceOf(VectorAdamKernel.class, vector);
        SplittableRandom rng = new SplittableRandom(n);
        float[] p = values(rng, n, false);
        float[] g = values(rng, n, false);
        float[] m = values(rng, n, false);
        float[] v = values(rng, n, true);
        ByteBuffer[] a = {direct(p), direct(g), direct(m), direct(v)};
        ByteBuffer[] b = {direct(p), direct(g), direct(m), direct(v)};
        AdamCoefficients c = AdamCoefficients.of(new Adam(3e-3, 0.9, 0.999, 1e-8), 6, 0.999);
        new ScalarAdamKernel().step(a[0], a[1], 0, a[2], a[3], c, 0, n);
        vector.step(b[0], b[1], 0, b[2], b[3], c, 0, n);
        for (int k = 0; k < 4; k++) {
            assertEquals(a[k], b[k], "array " + k);
        }
        // the gradient read from elsewhere (a block of it): entry i's at i + shift
        float[] shifted = new float[n + 3];
        System.arraycopy(g, 0, shifted, 3, n);
        ByteBuffer[] s = {direct(p), direct(shifted), direct(m), direct(v)};
        vector.step(s[0], s[1], 3, s[2], s[3], c, 0, n);
        assertEquals(a[0], s[0], "the parameter, gradient shifted");
        assertEquals(a[2], s[2], "M, gradient shifted");
        assertEquals(a[3], s[3], "V, gradient shifted");
    }

    private static ByteBuffer direct(float[] values) {
        ByteBuffer out = ByteBuffer.allocateDirect(values.length * Float.BYTES).order(ByteOrder.nativeOrder());
        out.asFloatBuffer().put(values);
        return out;
    }

    /**
     * Against ND4J's own AdamUpdater followed by {@code param -= update}, five steps on a 300x70 parameter:
     * the same formula, within float rounding (ND4J's native code computes the bias correction in float and
     * may fuse a multiply and an add).
     */
    @Test
    void agreesWithNd4jsAdam() {
        Adam adam = new Adam(1e-2, 0.9, 0.999, 1e-8);
        INDArray ours = Nd4j.rand(DataType.FLOAT, 300, 70);
        INDArray theirs = ours.dup();
        INDArray state = Nd4j.zeros(DataType.FLOAT, 1, adam.stateSize(ours.length()));
        GradientUpdater<?> nd4j = adam.instantiate(state, true);
        INDArray m = Nd4j.zeros(DataType.FLOAT, 300, 70);
        INDArray v = Nd4j.zeros(DataType.FLOAT, 300, 70);
        for (int step = 0; step < 5; step++) {
            INDArray gradient = Nd4j.randn(DataType.FLOAT, 300, 70);
            assertTrue(HostAdam.step(adam, step, 1, ours, gradient, m, v));
            INDArray update = gradient.dup();
            nd4j.applyUpdater(update, step, 0);
            theirs.subi(update);
        }
        double worst = Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.same.AMax(ours.sub(theirs)))
                .getDouble(0);
        assertTrue(worst < 1e-6, "largest difference " + worst);
        double moments = Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.same.AMax(
                nd4j.getState().get("M").reshape(-1).sub(m.reshape(-1)))).getDouble(0);
        assertTrue(moments < 1e-7, "largest difference of the first moments " + moments);
    }

    private static float[] values(SplittableRandom rng, int n, boolean positive) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double x = rng.nextGaussian();
            out[i] = (float) (positive ? x * x : x);
        }
        return out;
    }
}
