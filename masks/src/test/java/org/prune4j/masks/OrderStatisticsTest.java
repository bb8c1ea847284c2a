package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OrderStatisticsTest {

    /** Against a full sort, on random arrays with and without many duplicates, at every position. */
    @Test
    void descendingPairMatchesAFullSort() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + rng.nextInt(60);
            int distinct = trial % 2 == 0 ? 1_000_000 : 3;
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = rng.nextInt(distinct) / 7f;
            }
            float[] sorted = values.clone();
            Arrays.sort(sorted);
            for (int index = 0; index <= n - 2; index++) {
                float[] pair = OrderStatistics.descendingPair(values.clone(), index);
                assertEquals(sorted[n - 1 - index], pair[0], "trial " + trial + " index " + index);
                assertEquals(sorted[n - 2 - index], pair[1], "trial " + trial + " index " + index);
            }
        }
    }

    /**
     * Within a band: the same pair as the full sort whenever the band holds both positions, and null
     * (never a wrong answer) when it does not; bands around, below, above and on the answers.
     */
    @Test
    void descendingPairWithinABandMatchesAFullSortOrSaysItCannot() {
        SplittableRandom rng = new SplittableRandom(12);
        int answered = 0;
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + rng.nextInt(60);
            int distinct = trial % 2 == 0 ? 1_000_000 : 3;
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = rng.nextInt(distinct) / 7f;
            }
            float[] sorted = values.clone();
            Arrays.sort(sorted);
            for (int index = 0; index <= n - 2; index++) {
                float lo = sorted[rng.nextInt(n)];
                float hi = Math.max(lo, sorted[rng.nextInt(n)]);
                float[] before = values.clone();
                float[] pair = OrderStatistics.descendingPairWithin(values, index, lo, hi);
                assertArrayEquals(before, values, "values are left as they were");
                boolean bracketed = sorted[n - 1 - index] <= hi && sorted[n - 2 - index] >= lo;
                if (pair == null) {
                    assertFalse(bracketed, "trial " + trial + " index " + index + ": the band held both");
                    continue;
                }
                answered++;
                assertEquals(sorted[n - 1 - index], pair[0], "trial " + trial + " index " + index);
                assertEquals(sorted[n - 2 - index], pair[1], "trial " + trial + " index " + index);
            }
        }
        assertTrue(answered > 500, "the band answers often enough to be tested: " + answered);
    }

    /** The hint only saves work: with or without it, and with a hint far off, the same t². */
    @Test
    void aThresholdHintNeverChangesTheThreshold() {
        SplittableRandom rng = new SplittableRandom(13);
        double[] w = new double[10_000];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextGaussian() * 0.05;
        }
        for (long kept : new long[] {1, 100, 5_000, 9_999}) {
            double exact = PdpThresholds.entries(w, kept)[0];
            float[] scratch = new float[w.length];
            assertEquals(exact, PdpThresholds.entries(w, kept, scratch, exact * 1.01)[0], 0.0, "near hint");
            assertEquals(exact, PdpThresholds.entries(w, kept, scratch, exact * 9)[0], 0.0, "far hint");
            assertEquals(exact, PdpThresholds.entries(w, kept, scratch, Double.NaN)[0], 0.0, "no hint");
        }
    }

    @Test
    void midpointIsBetweenTheSmallestKeptAndTheLargestPruned() {
        float[] magnitudes = {0.10f, 0.50f, 0.30f, 0.05f, 0.20f, 0.40f, 0.00f, 0.25f};
        assertEquals(0.225, PdpThresholds.midpoint(magnitudes.clone(), 4), 1e-7, "reference §3.7");
        assertEquals(0.025, PdpThresholds.midpoint(magnitudes.clone(), 8), 1e-7, "all kept: the two smallest");
        assertEquals(0.45, PdpThresholds.midpoint(magnitudes.clone(), 0), 1e-7, "none kept: the two largest");
    }
}
