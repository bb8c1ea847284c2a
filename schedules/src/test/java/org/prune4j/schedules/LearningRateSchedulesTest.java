package org.prune4j.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prune4j.schedules.GradualPruningScheduleTest.assertMessage;

import org.junit.jupiter.api.Test;

/** The continuous shapes: learning rates, temperatures and logit scales. */
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
    void cosineIsHalfWayAtTheMiddleAndFlatAtTheEnds() {
        // hand-derived: 0 + (1 - 0)(1 + cos(pi p)) / 2; p = 1/2 gives 1/2, p = 1/4 gives (1 + sqrt(2)/2) / 2
        CosineSchedule s = new CosineSchedule(1, 0, 0, 100);
        assertEquals(0.5, s.valueAt(50), 1e-15);
        assertEquals((1 + Math.sqrt(0.5)) / 2, s.valueAt(25), 1e-15);
        assertTrue(s.valueAt(0) - s.valueAt(1) < s.valueAt(50) - s.valueAt(51), "flatter at the start than mid-way");
    }

    @Test
    void exponentialKeepsAConstantRatioPerStep() {
        // MaskLLM-style temperature 4 -> 0.05 (reference §8 E2): the geometric mean sqrt(4 * 0.05) half-way
        ExponentialSchedule s = new ExponentialSchedule(4, 0.05, 0, 1000);
        assertEquals(Math.sqrt(0.2), s.valueAt(500), 1e-12);
        assertEquals(s.valueAt(1) / s.valueAt(0), s.valueAt(701) / s.valueAt(700), 1e-12);
        assertEquals(0.05, s.valueAt(1000), 0);
    }

    @Test
    void rejectsBadArguments() {
        assertMessage("peak must be > 0, got -1.0", () -> new WarmupCosineSchedule(-1, 0, 0, 10));
        assertMessage("warmupSteps must be < totalSteps", () -> new WarmupCosineSchedule(1, 0, 10, 10));
        assertMessage("value must be finite, got NaN", () -> new ConstantSchedule(Double.NaN));
        assertMessage("to must be > 0, got 0.0", () -> new ExponentialSchedule(1, 0, 0, 10));
        assertMessage("begin must be < end, got begin=5 and end=3", () -> new CosineSchedule(1, 0, 5, 3));
        assertMessage("from must be finite, got Infinity", () -> new LinearSchedule(Double.POSITIVE_INFINITY, 0, 0, 3));
    }
}
