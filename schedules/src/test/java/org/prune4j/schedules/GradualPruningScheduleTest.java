package org.prune4j.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradualPruningScheduleTest {

    /** reference/algorithms.md §1.4 [DERIVED]: s_i=0, s_f=0.9, n=10, dt=1, t0=0. Printed to 4 decimals. */
    private static final double[] ZHU_GUPTA_VECTOR =
            {0, 0.2439, 0.4392, 0.5913, 0.7056, 0.7875, 0.8424, 0.8757, 0.8928, 0.8991, 0.9};

    @Test
    void reproducesTheReferenceVectorAtEveryEvent() {
        GradualPruningSchedule s = new GradualPruningSchedule(0, 0.9, 0, 10, 1, GradualPruningSchedule.CUBIC);
        for (int t = 0; t <= 10; t++) {
            assertEquals(ZHU_GUPTA_VECTOR[t], s.valueAt(t), 5e-5, "step " + t);
            assertTrue(s.isPruningStep(t), "step " + t + " is an event");
        }
        assertEquals(11, s.eventCount());
    }

    @Test
    void endpointsAndMidpointFollowTheFormula() {
        GradualPruningSchedule s = new GradualPruningSchedule(0.1, 0.8, 100, 900, 100, 3);
        assertEquals(0.1, s.valueAt(0), 0);
        assertEquals(0.1, s.valueAt(100), 0);
        assertEquals(0.8, s.valueAt(900), 0);
        assertEquals(0.8, s.valueAt(1_000_000), 0);
        // midpoint p = 1/2: s_f + (s_i - s_f) / 8
        assertEquals(0.8 + (0.1 - 0.8) / 8, s.valueAt(500), 1e-15);
        // held between events
        assertEquals(s.valueAt(500), s.valueAt(599), 0);
        assertFalse(s.isPruningStep(599));
    }

    @Test
    void lastEventIsAtEndEvenWhenTheRampIsNotAMultipleOfTheFrequency() {
        GradualPruningSchedule s = new GradualPruningSchedule(0, 0.9, 0, 250, 100, 3);
        assertTrue(s.isPruningStep(200));
        assertTrue(s.isPruningStep(250));
        assertFalse(s.isPruningStep(300));
        assertEquals(4, s.eventCount());
        assertEquals(0.9, s.valueAt(250), 0);
    }

    @Test
    void monotoneBoundedAndIndependentOfCallOrder() {
        GradualPruningSchedule s = new GradualPruningSchedule(0, 0.95, 37, 1013, 17, 3);
        double[] forward = new double[1200];
        for (int t = 0; t < forward.length; t++) {
            forward[t] = s.valueAt(t);
            assertTrue(forward[t] >= 0 && forward[t] <= 0.95, "bounded at " + t);
            if (t > 0) {
                assertTrue(forward[t] >= forward[t - 1], "monotone at " + t);
            }
        }
        for (int t = forward.length - 1; t >= 0; t--) {
            assertEquals(forward[t], s.valueAt(t), 0, "same value backwards at " + t);
        }
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertMessage("finalSparsity must be in [0, 1), got 1.0", () -> new GradualPruningSchedule(0, 1.0, 0, 10, 1, 3));
        assertMessage("begin must be < end, got begin=10 and end=10", () -> new GradualPruningSchedule(0, 0.5, 10, 10, 1, 3));
        assertMessage("frequency must be >= 1, got 0", () -> new GradualPruningSchedule(0, 0.5, 0, 10, 0, 3));
        assertMessage("initialSparsity must be <= finalSparsity", () -> new GradualPruningSchedule(0.6, 0.5, 0, 10, 1, 3));
    }

    static void assertMessage(String expectedStart, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }
}
