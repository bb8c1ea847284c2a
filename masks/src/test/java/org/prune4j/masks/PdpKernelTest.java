package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PDP's Vector API kernel gives the scalar form's bits: soft and saturated entries, rows ending in a partial vector. */
class PdpKernelTest {

    @ParameterizedTest(name = "{0} rows of {1}, τ {2}")
    @CsvSource({"4, 512, 1e-4", "4, 300, 3e-4", "8, 37, 1e-4", "4, 3, 1e-3"})
    void theVectorFormGivesTheScalarFormsBits(int rows, int cols, double tau) {
        assertTrue(HostKernels.vectorApi(), "the test JVM must have jdk.incubator.vector");
        PdpKernel vector = PdpKernel.fastest();
        assertInstanceOf(VectorPdpKernel.class, vector);
        SplittableRandom rng = new SplittableRandom(cols);
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.1 * rng.nextGaussian());
        }
        double[] t2 = new double[cols];
        for (int c = 0; c < cols; c++) {
            double t = 0.1 * Math.abs(rng.nextGaussian());
            t2[c] = t * t;
        }
        float[][] scalar = {new float[w.length], new float[w.length]};
        float[][] lanes = {new float[w.length], new float[w.length]};
        new ScalarPdpKernel().soften(w, t2, cols, 1 / tau, scalar[0], scalar[1], w.length);
        vector.soften(w, t2, cols, 1 / tau, lanes[0], lanes[1], w.length);
        assertArrayEquals(scalar[0], lanes[0], "Ŵ");
        assertArrayEquals(scalar[1], lanes[1], "gain");
        int soft = 0;
        for (float g : scalar[1]) {
            soft += g != 0f && g != 1f ? 1 : 0;
        }
        assertTrue(soft > 0 && soft < w.length, "soft and saturated entries both met: " + soft);
    }

    /**
     * The group thresholds of four rows, against the plain path's sort ({@link PdpThresholds#squaredMidpoint}
     * of the magnitudes in descending order) and between the forms, bit for bit; with ties, signed zeros and
     * a partial last vector.
     */
    @ParameterizedTest(name = "{0}:4, {1} columns")
    @CsvSource({"1, 29", "2, 29", "3, 29", "2, 512", "2, 3"})
    void theGroupThresholdsOfFourAreTheSortsMidpoints(int n, int cols) {
        SplittableRandom rng = new SplittableRandom(31L * n + cols);
        float[] x = new float[4 * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (rng.nextInt(6)) {
                case 0 -> 0.25f; // ties, of either sign
                case 1 -> -0.25f;
                case 2 -> -0f;
                default -> (float) rng.nextGaussian();
            };
        }
        double[] expected = new double[cols];
        float[] group = new float[4];
        for (int c = 0; c < cols; c++) {
            for (int i = 0; i < 4; i++) {
                PdpThresholds.insertDescending(group, i, Math.abs(x[i * cols + c]));
            }
            expected[c] = PdpThresholds.squaredMidpoint(group, n);
        }
        double[] scalar = new double[cols];
        double[] lanes = new double[cols];
        new ScalarPdpKernel().thresholdsOfFour(x, cols, n, scalar);
        PdpKernel.fastest().thresholdsOfFour(x, cols, n, lanes);
        assertArrayEquals(expected, scalar, "scalar network against the sort");
        assertArrayEquals(expected, lanes, "vector form against the sort");
    }
}
