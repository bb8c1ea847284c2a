package org.prune4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScalingModelTest {

    @Test
    void theHostsPackTheStateOnceAndTakeInEveryResultWhileTheDriversLinkCarriesBothForEveryWorker() {
        assertEquals(100 + 2 * 10, ScalingModel.hostBytes(2, 100, 10));
        assertEquals(100 + 8 * 10, ScalingModel.hostBytes(8, 100, 10));
        assertEquals(8 * (100 + 10), ScalingModel.linkBytes(8, 100, 10));
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
        // a link adds what crosses it over its speed: 8 workers, 1 MB state, 1 MB results, 1 GB/s
        assertEquals(0.010 + 9e6 * 2e-9 + 16e6 * 1e-9, fitted.overheadSeconds(8, 1_000_000, 1_000_000, 1e9), 1e-12);
    }

    @Test
    void fitRefusesTwoPointsWithTheSameBytesOnTheHosts() {
        ScalingModel.Point p = new ScalingModel.Point(2, 100, 10, 0.01);
        assertThrows(IllegalArgumentException.class, () -> ScalingModel.fit(p, p));
    }
}
