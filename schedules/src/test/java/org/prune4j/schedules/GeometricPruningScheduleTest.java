package org.prune4j.schedules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prune4j.schedules.GradualPruningScheduleTest.assertMessage;

import org.junit.jupiter.api.Test;

class GeometricPruningScheduleTest {

    /**
     * reference/algorithms.md §8 "Unit tests" (and §2.2): keep fractions after each of the n = 5 events
     * of s = 0.8, printed to 6 significant digits: (1 - p)^(k + 1) with p = 1 - 0.2^(1/5).
     */
    private static final double[] JOURNEY_KEEP_S08_N5 = {0.72478, 0.525306, 0.380731, 0.275946, 0.2};

    @Test
    void keepFractionsMatchTheReferenceVector() {
        GeometricPruningSchedule s = new GeometricPruningSchedule(0.8, 0, 4, 1);
        assertEquals(5, s.eventCount());
        double[] keep = new double[5];
        for (int k = 0; k < 5; k++) {
            assertTrue(s.isPruningStep(k), "event " + k);
            keep[k] = 1 - s.valueAt(k);
        }
        assertArrayEquals(JOURNEY_KEEP_S08_N5, keep, 1e-5);
        assertEquals(1 - 0.72478, s.pruneFractionPerEvent(), 1e-5);
    }

    @Test
    void eachEventRemovesTheSameFractionOfTheRemainingWeights() {
        GeometricPruningSchedule s = new GeometricPruningSchedule(0.9, 300, 800, 100);
        double p = s.pruneFractionPerEvent();
        double keep = 1;
        for (long event : s.events().toArray()) {
            keep *= 1 - p;
            assertEquals(keep, 1 - s.valueAt(event), 1e-12, "event " + event);
        }
        assertEquals(0.9, s.valueAt(800), 0, "exactly the target at end");
    }

    @Test
    void denseBeforeBeginHeldBetweenEventsAndFinalAfterEnd() {
        // base.yml of the official code: gmp_start_step 300, gmp_end_step 800, frequency 100 (reference §2.2)
        GeometricPruningSchedule s = new GeometricPruningSchedule(0.5, 300, 800, 100);
        assertEquals(6, s.eventCount());
        assertEquals(0, s.valueAt(299), 0);
        assertEquals(s.valueAt(300), s.valueAt(399), 0);
        assertFalse(s.isPruningStep(399));
        assertEquals(0.5, s.valueAt(10_000), 0);
        assertFalse(s.isPruningStep(900));
        assertArrayEquals(new long[] {300, 400, 500, 600, 700, 800}, s.events().toArray());
    }

    @Test
    void eventsAgreeWithTheOfficialAbsoluteModuloWhenBeginIsAMultipleOfTheFrequency() {
        GeometricPruningSchedule s = new GeometricPruningSchedule(0.6, 4100, 16600, 100); // llama2-70m.yml, §2.2
        for (long step = 0; step <= 20_000; step++) {
            boolean official = step >= 4100 && step <= 16600 && step % 100 == 0;
            assertEquals(official, s.isPruningStep(step), "step " + step);
        }
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertMessage("finalSparsity must be in [0, 1), got 1.0", () -> new GeometricPruningSchedule(1.0, 0, 10, 1));
        assertMessage("begin must be < end, got begin=10 and end=10", () -> new GeometricPruningSchedule(0.5, 10, 10, 1));
        assertMessage("frequency must be >= 1, got 0", () -> new GeometricPruningSchedule(0.5, 0, 10, 0));
        assertMessage("end - begin must be a multiple of frequency=100 (the geometric events must land on end), "
                + "got end - begin = 950", () -> new GeometricPruningSchedule(0.5, 50, 1000, 100));
    }
}
