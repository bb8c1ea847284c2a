package org.prune4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingModelTest {

    @Test
    void criticalBytesAreTheBroadcastAndEveryLevelsIncomingResults() {
        assertEquals(100 + 2 * 10, ScalingModel.criticalBytes(2, 100, 10));
        assertEquals(100 + 4 * 10 + 2 * 10, ScalingModel.criticalBytes(8, 100, 10));
    }

    @Test
    void fitRecoversTheConstantsThatMadeTwoPoints() {
        ScalingModel truth = new ScalingModel(0.010, 2e-9);
        double inf = Double.POSITIVE_INFINITY;
        ScalingModel.Point small = new ScalingModel.Point(2, 140_000, 140_000,
                truth.overheadSeconds(2, 140_000, 140_000, inf));
        ScalingModel.Point large = new ScalingModel.Point(2, 2_200_000, 2_200_000,
                truth.overheadSeconds(2, 2_200_000, 2_200_000, inf));
        ScalingModel fitted = ScalingModel.fit(small, large);
        assertEquals(0.010, fitted.latencySeconds(), 1e-12);
        assertEquals(2e-9, fitted.hostSecondsPerByte(), 1e-18);
        // a link adds bytes / speed: 8 workers, 1 MB broadcast, 1 MB results at fan-ins [4, 2], 1 GB/s
        assertEquals(2 * 0.010 + 7e6 * (2e-9 + 1e-9), fitted.overheadSeconds(8, 1_000_000, 1_000_000, 1e9), 1e-12);
    }

    @Test
    void fitRefusesTwoPointsWithTheSameBytesPerLevel() {
        ScalingModel.Point p = new ScalingModel.Point(2, 100, 10, 0.01);
        assertThrows(IllegalArgumentException.class, () -> ScalingModel.fit(p, p));
    }
}
