package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PdpGroupPassTest {

    /**
     * Against the plain path (a threshold per entry from {@link PdpThresholds#groups}, then
     * {@link PdpSoftMask#maskedAndGain} in double, stored as float), bit for bit: 2:4, 1:4 and 2:8, Gaussian
     * weights and weights with many ties, soft and sharp τ, in one to four parts.
     */
    @Test
    void equalsThePlainPathBitForBit() {
        SplittableRandom rng = new SplittableRandom(4);
        NmPattern[] patterns = {new NmPattern(2, 4), new NmPattern(1, 4), new NmPattern(2, 8)};
        for (int trial = 0; trial < 24; trial++) {
            NmPattern pattern = patterns[trial % 3];
            int rows = pattern.m() * (trial % 8 == 0 ? 128 : 1 + rng.nextInt(12));
            int cols = trial % 8 == 0 ? 1152 : 1 + rng.nextInt(40);
            float[] w = new float[rows * cols];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (trial % 4 == 1 ? (rng.nextInt(7) - 3) / 8.0 : 0.1 * rng.nextGaussian());
            }
            double tau = trial % 2 == 0 ? 1e-4 : 1e-2;
            INDArray effective = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
            INDArray gain = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
            new PdpGroupPass(rows, cols, pattern, 1 + trial % 4).soften(Nd4j.create(w, new long[] {rows, cols}, 'c'), effective,
                    gain, tau);

            double[] values = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                values[i] = w[i];
            }
            double[] masked = new double[w.length];
            double[] gains = new double[w.length];
            PdpSoftMask.maskedAndGain(values, PdpThresholds.groups(values, cols, pattern), tau, 0, w.length, masked,
                    gains);
            assertArrayEquals(toFloats(masked), effective.reshape(-1).toFloatVector(), "trial " + trial + ": Ŵ");
            assertArrayEquals(toFloats(gains), gain.reshape(-1).toFloatVector(), "trial " + trial + ": gain");
        }
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
