package org.prune4j.schedules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prune4j.schedules.GradualPruningScheduleTest.assertMessage;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SPDF, joined phases and the Lagrangian target ramp. */
class PhaseSchedulesTest {

    @Test
    void spdfIsSparseBetweenBeginAndReleaseThenDense() {
        SpdfSchedule s = new SpdfSchedule(0.75, 0, 3000); // E5: 75% static sparsity (reference §8)
        assertEquals(0.75, s.valueAt(0), 0);
        assertEquals(0.75, s.valueAt(2999), 0);
        assertEquals(0, s.valueAt(3000), 0);
        assertFalse(s.masksReleased(2999));
        assertTrue(s.masksReleased(3000));
        assertTrue(s.masksReleased(5000));
        assertArrayEquals(new long[] {0, 3000}, s.events().toArray());
        assertFalse(s.isPruningStep(1));
        assertEquals(0, new SpdfSchedule(0.5, 100, 200).valueAt(99), 0, "dense before begin");
        assertMessage("begin must be < release, got begin=5 and release=5", () -> new SpdfSchedule(0.5, 5, 5));
    }

    @Test
    void joinedPhasesSeeTheirOwnStepsFromTheirBoundary() {
        // hold 4 for 100 steps, then anneal 4 -> 0.05 exponentially over 1000 (the phase's own steps 0..1000)
        JoinedSchedule s = new JoinedSchedule(
                List.of(new ConstantSchedule(4), new ExponentialSchedule(4, 0.05, 0, 1000)), List.of(100L));
        assertEquals(4, s.valueAt(0), 0);
        assertEquals(4, s.valueAt(100), 0);
        assertEquals(Math.sqrt(4 * 0.05), s.valueAt(600), 1e-12, "geometric midpoint");
        assertEquals(0.05, s.valueAt(1100), 0);
        assertMessage("phases must number boundaries + 1 = 2, got 1",
                () -> new JoinedSchedule(List.of(new ConstantSchedule(1)), List.of(10L)));
        assertMessage("boundaries[1] must be > 10 (strictly increasing, after step 0), got 10",
                () -> new JoinedSchedule(List.of(new ConstantSchedule(1), new ConstantSchedule(2),
                        new ConstantSchedule(3)), List.of(10L, 10L)));
    }

    @Test
    void sparsityRampFollowsCofiAfterThePrepruningSteps() {
        // CoFi: t(k) = t_0 + (t_f - t_0) min(1, k / W), k = step - 100 pre-pruning steps (reference §5.2)
        SparsityRamp s = new SparsityRamp(0, 0.6, 100, 400);
        assertEquals(0, s.valueAt(50), 0);
        assertEquals(0, s.valueAt(100), 0);
        assertEquals(0.3, s.valueAt(300), 1e-15);
        assertEquals(0.6, s.valueAt(500), 0);
        assertEquals(0.6, s.valueAt(9999), 0);
        assertMessage("target must be in [0, 1), got 1.5", () -> new SparsityRamp(0, 1.5, 0, 10));
        assertMessage("warmupSteps must be >= 1, got 0", () -> new SparsityRamp(0, 0.5, 0, 0));
    }
}
