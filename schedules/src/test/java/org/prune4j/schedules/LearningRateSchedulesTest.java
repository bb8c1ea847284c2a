package org.prune4j.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prune4j.schedules.GradualPruningScheduleTest.assertMessage;

import org.junit.jupiter.api.Test;

class LearningRateSchedulesTest {

    @Test
    void warmupCosineHitsItsEndpointsAndDecreasesAfterWarmup() {
        WarmupCosineSchedule s = new WarmupCosineSchedule(1e-3, 1e-5, 10, 110);
        assertEquals(1e-4, s.valueAt(0), 1e-15);
        assertEquals(1e-3, s.valueAt(9), 1e-15);
        assertEquals(1e-3, s.valueAt(10), 1e-15);
        assertEquals((1e-3 + 1e-5) / 2, s.valueAt(60), 1e-15);
        assertEquals(1e-5, s.valueAt(110), 1e-15);
        assertEquals(1e-5, s.valueAt(10_000), 1e-15);
        for (int t = 11; t < 200; t++) {
            assertTrue(s.valueAt(t) <= s.valueAt(t - 1), "non-increasing at " + t);
        }
    }

    @Test
    void linearInterpolatesAndClamps() {
        LinearSchedule s = new LinearSchedule(2, 4, 10, 20);
        assertEquals(2, s.valueAt(0), 0);
        assertEquals(3, s.valueAt(15), 1e-15);
        assertEquals(4, s.valueAt(20), 0);
        assertEquals(4, s.valueAt(99), 0);
        assertEquals(7, new ConstantSchedule(7).valueAt(123), 0);
    }

    @Test
    void rejectsBadArguments() {
        assertMessage("peak must be > 0, got -1.0", () -> new WarmupCosineSchedule(-1, 0, 0, 10));
        assertMessage("warmupSteps must be < totalSteps", () -> new WarmupCosineSchedule(1, 0, 10, 10));
        assertMessage("value must be finite, got NaN", () -> new ConstantSchedule(Double.NaN));
    }
}
