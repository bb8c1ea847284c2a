package org.prune4j.schedules.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.prune4j.schedules.GeometricPruningSchedule;
import org.prune4j.schedules.SpdfSchedule;

class TrainingComputeTest {

    @Test
    void spdfSavesTheSparseShareOfItsPruningWeights() {
        // hand-derived: 100 pruned + 20 other parameters, 75% sparse for the first 600 of 1000 steps.
        // N_t = 20 + 25 = 45 for 600 steps, 120 for 400: N-bar = (600 * 45 + 400 * 120) / 1000 = 75.
        TrainingCompute c = TrainingCompute.of(new SpdfSchedule(0.75, 0, 600), 1000, 100, 20, 8);
        assertEquals(75, c.meanActiveParameters(), 1e-9);
        assertEquals((600 * 0.25 + 400) / 1000, c.meanDensity(), 1e-12);
        assertEquals(600 * 45 / 75_000.0, c.sparseShare(), 1e-12);
        assertEquals(1 - 75 / 120.0, c.flopsSavedFraction(), 1e-12);
        assertEquals(6.0 * 8 * 600 * 75, c.flopsSaved(), 1e-6); // 75 zeros for 600 steps, 8 tokens a step
    }

    @Test
    void meanDensityOfTheReleasedSparseLlmMatchesItsCard() {
        // reference §2.3 / §2.5: sparsellm-1b-80p, average density 0.3992 (the card reports 0.3984)
        TrainingCompute c = TrainingCompute.of(new GeometricPruningSchedule(0.8, 2500, 12_600, 100), 25_050, 1000, 0, 1);
        assertEquals(0.3992, c.meanDensity(), 5e-5);
        assertEquals(1 - 0.3992, c.flopsSavedFraction(), 5e-5);
    }
}
