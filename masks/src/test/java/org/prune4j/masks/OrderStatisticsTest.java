package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
     * The band answers exactly or not at all: against a full sort, with bands around the true pair, off
     * it, on its edges, too small buffers, and magnitudes tallied in one part or several.
     */
    @Test
    void descendingPairInBandsIsExactOrDeclines() {
        SplittableRandom rng = new SplittableRandom(5);
        int answered = 0;
        for (int trial = 0; trial < 400; trial++) {
            int n = 2 + rng.nextInt(trial % 40 == 0 ? 5000 : 80);
            float[] magnitudes = new float[n];
            for (int i = 0; i < n; i++) {
                magnitudes[i] = (float) (trial % 3 == 0 ? rng.nextInt(4) / 8.0 : rng.nextDouble());
            }
            float[] sorted = magnitudes.clone();
            Arrays.sort(sorted);
            int index = rng.nextInt(n - 1);
            float truth = sorted[n - 1 - index];
            float lo = (float) (truth * (0.8 + 0.4 * rng.nextDouble()));
            float hi = lo + (float) (rng.nextDouble() * (n > 1000 ? 0.01 : 0.3));
            int parts = 1 + rng.nextInt(3);
            OrderStatistics.BandTally[] tallies = new OrderStatistics.BandTally[parts];
            for (int p = 0; p < parts; p++) {
                tallies[p] = tally(magnitudes, n * p / parts, n * (p + 1) / parts, lo, hi, 1 + rng.nextInt(n));
            }
            float[] pair = OrderStatistics.descendingPairInBands(index, tallies);
            if (pair != null) {
                answered++;
                assertEquals(truth, pair[0], "trial " + trial);
                assertEquals(sorted[n - 2 - index], pair[1], "trial " + trial);
            }
        }
        assertTrue(answered > 120, "the band must answer often enough to be tested: " + answered);
    }

    /** The tally of {@code values[from, to)} for the band {@code [lo, hi]}, with a band buffer of {@code capacity}. */
    private static OrderStatistics.BandTally tally(float[] values, int from, int to, float lo, float hi,
                                                   int capacity) {
        float[] band = new float[capacity];
        int above = 0;
        int inBand = 0;
        float smallestAbove = Float.POSITIVE_INFINITY;
        float largestBelow = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            float v = values[i];
            if (v > hi) {
                above++;
                smallestAbove = Math.min(smallestAbove, v);
            } else if (v < lo) {
                largestBelow = Math.max(largestBelow, v);
            } else if (inBand == capacity) {
                return new OrderStatistics.BandTally(above, smallestAbove, band, -1, largestBelow);
            } else {
                band[inBand++] = v;
            }
        }
        return new OrderStatistics.BandTally(above, smallestAbove, band, inBand, largestBelow);
    }

    @Test
    void midpointIsBetweenTheSmallestKeptAndTheLargestPruned() {
        float[] magnitudes = {0.10f, 0.50f, 0.30f, 0.05f, 0.20f, 0.40f, 0.00f, 0.25f};
        assertEquals(0.225, PdpThresholds.midpoint(magnitudes.clone(), 4), 1e-7, "reference §3.7");
        assertEquals(0.025, PdpThresholds.midpoint(magnitudes.clone(), 8), 1e-7, "all kept: the two smallest");
        assertEquals(0.45, PdpThresholds.midpoint(magnitudes.clone(), 0), 1e-7, "none kept: the two largest");
    }
}
