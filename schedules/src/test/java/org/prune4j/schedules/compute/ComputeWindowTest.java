package org.prune4j.schedules.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.prune4j.schedules.GeometricPruningSchedule;
import org.prune4j.schedules.GradualPruningSchedule;
import org.prune4j.schedules.PruningSchedule;

/** The Journey Matters windows in compute space, against the numbers of reference/algorithms.md §2.3. */
class ComputeWindowTest {

    @Test
    void theReleasedSparseLlmWindowSpendsAQuarterAndThreeQuartersOfItsCompute() {
        // reference §2.3 [DERIVED, checked against the model card of tjingrant/sparsellm-1b-80p]: 25,050 steps,
        // pruning from step 2,500 to 12,600 every 100 (n = 102) to 80%: average density 0.3992, 25.0% of the
        // compute before step 2,500 and 75.1% before 12,600, which are only 10.0% and 50.3% of the steps.
        GeometricPruningSchedule s = new GeometricPruningSchedule(0.8, 2500, 12_600, 100);
        assertEquals(102, s.eventCount());
        assertEquals(0.3992, ComputeCurve.before(s, 25_050) / 25_050, 5e-5);
        double total = ComputeCurve.before(s, 25_050);
        assertEquals(0.250, ComputeCurve.before(s, 2500) / total, 5e-4);
        assertEquals(0.751, ComputeCurve.before(s, 12_600) / total, 5e-4);
        assertEquals(0.100, 2500 / 25_050.0, 5e-4);
        assertEquals(0.503, 12_600 / 25_050.0, 5e-4);
    }

    @Test
    void aQuarterToThreeQuartersOfComputeAtEightyPercentIsATenthToAHalfOfTheSteps() {
        // reference §2.3, second check: T = 10,000, s = 0.8, frequency 100; the grid search finds start 1,000 and
        // end 5,000 (25.1% / 74.9% of compute), i.e. 10% / 50% of the steps.
        ComputeWindow w = ComputeWindow.solve(0.25, 0.75, 10_000, 100,
                (begin, end) -> new GeometricPruningSchedule(0.8, begin, end, 100));
        assertEquals(1000, w.begin());
        assertEquals(5000, w.end());
        assertEquals(0.251, w.beginShare(), 5e-4);
        assertEquals(0.749, w.endShare(), 5e-4);
    }

    @Test
    void aDenseScheduleSpendsComputeInProportionToSteps() {
        PruningSchedule dense = new GradualPruningSchedule(0, 0, 0, 100, 10, 3);
        ComputeWindow w = ComputeWindow.solve(0.3, 0.6, 1000, 100, (b, e) -> new GradualPruningSchedule(0, 0, b, e, 100, 3));
        assertEquals(300, w.begin());
        assertEquals(600, w.end());
        assertEquals(0.3, w.beginShare(), 1e-12);
        assertEquals(250.0, ComputeCurve.before(dense, 250), 0);
    }

    @Test
    void theSearchFindsWhatAnExhaustiveSearchFinds() {
        for (double target : new double[] {0.5, 0.9}) {
            for (long grid : new long[] {50, 70}) {
                BiFunction<Long, Long, PruningSchedule> geometric = (b, e) -> new GeometricPruningSchedule(target, b, e, grid);
                BiFunction<Long, Long, PruningSchedule> cubic = (b, e) -> new GradualPruningSchedule(0.1, target, b, e, grid, 3);
                for (BiFunction<Long, Long, PruningSchedule> schedule : List.of(geometric, cubic)) {
                    ComputeWindow fast = ComputeWindow.solve(0.2, 0.6, 1500, grid, schedule);
                    assertEquals(exhaustiveError(0.2, 0.6, 1500, grid, schedule), error(fast, 0.2, 0.6), 1e-12,
                            "target " + target + ", grid " + grid + ": " + fast);
                }
            }
        }
    }

    /** The best error of the search as reference §2.3 states it: every pair, each curve summed in full. */
    private static double exhaustiveError(double b, double e, long steps, long grid,
                                          BiFunction<Long, Long, PruningSchedule> schedule) {
        double best = Double.POSITIVE_INFINITY;
        for (long begin = 0; begin + grid <= steps; begin += grid) {
            for (long end = begin + grid; end <= steps; end += grid) {
                PruningSchedule s = schedule.apply(begin, end);
                double total = ComputeCurve.before(s, steps);
                best = Math.min(best, Math.abs(ComputeCurve.before(s, begin) / total - b)
                        + Math.abs(ComputeCurve.before(s, end) / total - e));
            }
        }
        return best;
    }

    private static double error(ComputeWindow w, double b, double e) {
        return Math.abs(w.beginShare() - b) + Math.abs(w.endShare() - e);
    }

    @Test
    void theCurveSumsSegmentBySegmentWhatAStepByStepSumGives() {
        PruningSchedule s = new GradualPruningSchedule(0.1, 0.9, 37, 1013, 17, 3);
        double stepByStep = 0;
        for (long t = 0; t < 1500; t++) {
            assertEquals(stepByStep, ComputeCurve.before(s, t), 1e-9, "C(" + t + ")");
            stepByStep += 1 - s.valueAt(t);
        }
    }

    @Test
    void rejectsSharesOutOfOrderAndAGridLargerThanTraining() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ComputeWindow.solve(0.75, 0.25, 1000, 100, (b, x) -> null));
        assertEquals("shares must satisfy 0 <= beginShare < endShare <= 1, got beginShare=0.75 and endShare=0.25",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ComputeWindow.solve(0.25, 0.75, 50, 100, (b, x) -> null));
        assertEquals("grid must be in [1, steps=50], got 100", e.getMessage());
    }
}
