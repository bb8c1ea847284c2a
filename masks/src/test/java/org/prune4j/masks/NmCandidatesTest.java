package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NmCandidatesTest {

    /** Counts are C(M, N): 4, 6 and 70; every row has exactly N ones; no row repeats. */
    @ParameterizedTest(name = "{0}:{1}")
    @CsvSource({"1, 4, 4", "2, 4, 6", "4, 8, 70", "3, 4, 4"})
    void enumeratesEveryNOfMSubsetOnce(int n, int m, int expected) {
        NmCandidates c = NmCandidates.of(new NmPattern(n, m));
        assertEquals(expected, c.count());
        Set<String> distinct = new HashSet<>();
        for (int k = 0; k < c.count(); k++) {
            float[] row = c.row(k);
            assertEquals(m, row.length);
            double ones = 0;
            for (float v : row) {
                assertEquals(true, v == 0f || v == 1f, "entries are 0/1");
                ones += v;
            }
            assertEquals(n, ones, "row " + k);
            distinct.add(Arrays.toString(row));
        }
        assertEquals(expected, distinct.size());
    }

    /** The order of reference/algorithms.md §4.1 (official differentiable_mask.py L644-651). */
    @Test
    void twoOfFourFollowsTheOfficialOrder() {
        float[][] expected = {{1, 1, 0, 0}, {1, 0, 1, 0}, {1, 0, 0, 1}, {0, 1, 1, 0}, {0, 1, 0, 1}, {0, 0, 1, 1}};
        NmCandidates c = NmCandidates.of(new NmPattern(2, 4));
        for (int k = 0; k < expected.length; k++) {
            assertArrayEquals(expected[k], c.row(k), "row " + k);
        }
    }

    /** 1:4 is the four one-hot rows in index order (official L652-664). */
    @Test
    void oneOfFourIsOneHotInIndexOrder() {
        NmCandidates c = NmCandidates.of(new NmPattern(1, 4));
        for (int k = 0; k < 4; k++) {
            float[] oneHot = new float[4];
            oneHot[k] = 1;
            assertArrayEquals(oneHot, c.row(k));
        }
    }
}
