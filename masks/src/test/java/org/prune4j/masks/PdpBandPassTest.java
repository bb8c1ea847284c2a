package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PdpBandPassTest {

    /**
     * Against the plain path (t from a full selection, then {@link PdpSoftMask#maskedAndGain} in double,
     * stored as float), bit for bit, or no answer (the caller then takes the plain path): Gaussian weights
     * and weights with many ties, in one, two and three parts, the last threshold near the true one, off
     * the band, and on its edges, where t lies outside the band and the entries taken as settled may not be.
     */
    @Test
    void equalsThePlainPathBitForBitOrDeclines() {
        SplittableRandom rng = new SplittableRandom(3);
        int answered = 0;
        int declined = 0;
        int outsideTheBand = 0;
        for (int trial = 0; trial < 120; trial++) {
            int n = trial % 20 == 0 ? 140_000 : 2 + rng.nextInt(3000);
            float[] w = new float[n];
            for (int i = 0; i < n; i++) {
                w[i] = (float) (trial % 4 == 0 ? (rng.nextInt(9) - 4) / 16.0 : 0.1 * gaussian(rng));
            }
            int index = rng.nextInt(n - 1);
            double meanSquare = Arrays.stream(toDoubles(w)).map(x -> x * x).average().orElseThrow();
            double tau = meanSquare * (trial % 2 == 0 ? 0.01 : 0.3);
            float[] magnitudes = new float[n];
            for (int i = 0; i < n; i++) {
                magnitudes[i] = Math.abs(w[i]);
            }
            float[] pair = OrderStatistics.descendingPair(magnitudes, index);
            double t = threshold(w, index);
            double lastT = t * (0.95 + 0.1 * rng.nextDouble());
            double gap = (double) pair[0] - pair[1];
            if (trial % 6 == 1) { // the band's upper edge between the pair, under t
                lastT = (pair[1] + 0.25 * gap) / (1 + PdpBandPass.BAND);
            } else if (trial % 6 == 2) { // its lower edge between the pair, over t
                lastT = (pair[0] - 0.25 * gap) / (1 - PdpBandPass.BAND);
            }

            INDArray latent = Nd4j.createFromArray(w);
            INDArray effective = Nd4j.valueArrayOf(new long[] {n}, -7f);
            INDArray gain = Nd4j.valueArrayOf(new long[] {n}, -7f);
            double t2 = new PdpBandPass(n, 1 + trial % 3).soften(latent, effective, gain, index, lastT, tau);
            boolean outside = t > lastT * (1 + PdpBandPass.BAND) || t < lastT * (1 - PdpBandPass.BAND);
            if (Double.isNaN(t2)) {
                declined++;
                outsideTheBand += outside ? 1 : 0;
                continue;
            }
            answered++;
            assertEquals(t * t, t2, "trial " + trial + ": t²");
            assertPlainPathAt(t * t, w, tau, effective, gain, "trial " + trial);
        }
        assertTrue(answered > 50 && outsideTheBand > 20,
                "every case must be exercised: answered " + answered + ", declined " + declined
                        + ", of which t outside the band " + outsideTheBand);
    }

    /**
     * Over steps whose weights drift a little, the band narrows to the threshold's moves and answers bit for
     * bit at every step; a jump of the threshold out of it is declined, and the band widens again.
     */
    @Test
    void theBandFollowsTheThresholdAndStaysExact() {
        SplittableRandom rng = new SplittableRandom(9);
        int n = 50_000;
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (0.1 * gaussian(rng));
        }
        double tau = 1e-4;
        int index = n / 10 - 1;
        PdpBandPass pass = new PdpBandPass(n);
        double lastT = threshold(w, index);
        double narrowest = PdpBandPass.BAND;
        for (int step = 0; step < 30; step++) {
            for (int i = 0; i < n; i++) {
                w[i] = step == 20 ? w[i] * 1.2f : (float) (w[i] + 1e-4 * gaussian(rng));
            }
            double t = threshold(w, index);
            INDArray effective = Nd4j.createUninitialized(DataType.FLOAT, n);
            INDArray gain = Nd4j.createUninitialized(DataType.FLOAT, n);
            double t2 = pass.soften(Nd4j.createFromArray(w), effective, gain, index, lastT, tau);
            if (step == 20) {
                assertTrue(Double.isNaN(t2), "a 20% jump of t must leave the band of " + narrowest);
                assertEquals(PdpBandPass.BAND, pass.band(), "the band widens after a miss");
            } else {
                assertEquals(t * t, t2, "step " + step + ": t²");
                assertPlainPathAt(t2, w, tau, effective, gain, "step " + step);
            }
            narrowest = Math.min(narrowest, pass.band());
            lastT = t;
        }
        assertEquals(PdpBandPass.MIN_BAND, narrowest, "small moves narrow the band to its floor");
    }

    /** The float bounds of the settled zones are the exact float boundaries of their squares. */
    @Test
    void settledBoundsAreTheExactFloatBoundaries() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int trial = 0; trial < 10_000; trial++) {
            double square = Math.pow(10, -30 + 32 * rng.nextDouble());
            if (trial % 10 == 0) { // a float's exact square
                float f = (float) Math.sqrt(square);
                square = (double) f * f;
            }
            float least = PdpBandPass.smallestWithSquareAtLeast(square);
            assertTrue((double) least * least >= square, "trial " + trial);
            float below = Math.nextDown(least);
            assertTrue((double) below * below < square, "trial " + trial);
            float most = PdpBandPass.largestWithSquareAtMost(square);
            assertTrue((double) most * most <= square, "trial " + trial);
            float above = Math.nextUp(most);
            assertTrue((double) above * above > square, "trial " + trial);
        }
        assertEquals(0f, PdpBandPass.smallestWithSquareAtLeast(-1), "no entry is settled off below a negative square");
    }

    /** t of the plain path: the midpoint of the pair at descending {@code index} of |w|. */
    private static double threshold(float[] w, int index) {
        float[] magnitudes = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            magnitudes[i] = Math.abs(w[i]);
        }
        float[] pair = OrderStatistics.descendingPair(magnitudes, index);
        return 0.5 * ((double) pair[0] + pair[1]);
    }

    /** Ŵ and gain are those of {@link PdpSoftMask#maskedAndGain} at {@code t2}, in double, stored as float. */
    private static void assertPlainPathAt(double t2, float[] w, double tau, INDArray effective, INDArray gain,
                                          String what) {
        double[] masked = new double[w.length];
        double[] gains = new double[w.length];
        PdpSoftMask.maskedAndGain(toDoubles(w), new double[] {t2}, tau, 0, w.length, masked, gains);
        assertArrayEquals(toFloats(masked), effective.toFloatVector(), what + ": Ŵ");
        assertArrayEquals(toFloats(gains), gain.toFloatVector(), what + ": gain");
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Each value rounded to float (also MaskLlmMaskTest's). */
    static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
