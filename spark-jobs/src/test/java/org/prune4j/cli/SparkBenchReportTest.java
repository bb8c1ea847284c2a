package org.prune4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prune4j.spark.SparkFloor;
import org.prune4j.spark.SparkRound;

class SparkBenchReportTest {

    /** A round of 2 workers: 100 ms wall, {@code computeMs} of compute, 1000 bytes sent (4000 dense), results 500 (2000). */
    private static SparkRound round(int syncEvery, double computeMs, long optimizerBytes) {
        return new SparkRound(syncEvery, 2, 100_000_000, (long) (computeMs * 1e6), 1000 + optimizerBytes,
                4000 + optimizerBytes, optimizerBytes, 500 + optimizerBytes, 2000 + optimizerBytes);
    }

    @Test
    void overheadIsWallMinusTheSlowestComputeAndItsRatioIsTheMedianOfEveryRoundsOwn() {
        SparkArm arm = new SparkArm("local[2]", 2, 8, 1000, List.of(round(8, 80, 0), round(8, 50, 0), round(8, 90, 0)));
        assertEquals(100, arm.wallMillis(), 1e-9);
        assertEquals(80, arm.computeMillis(), 1e-9);
        assertEquals(20, arm.overheadMillis(), 1e-9);
        assertEquals(0.25, arm.overheadFraction(), 1e-9); // rounds: 10/90, 20/80, 50/50
    }

    @Test
    void bytesRatiosCountTheStateOutAndTheResultInOfAWorker() {
        SparkRound r = round(1, 10, 0);
        assertEquals((1000 + 500) / (4000.0 + 2000), SparkBenchReport.packedRatio(r), 1e-12);
        SparkBenchReport report = report(new SparkBenchReport.MaskBytes(1600, 64));
        // a dense model sends no masks: 4000 - 1600
        assertEquals((1000 + 500) / (2400.0 + 2000), report.denseModelRatio(r), 1e-12);
    }

    @Test
    void theSectionHasItsOwnMarkersAndLeavesTheTrainingSpeedSectionAlone() {
        String trainingSpeed = BenchCommand.withSection("# Benchmarks\n\n## Checkpoint write cost\n",
                "# Benchmarks\n\nstep 10 ms\n");
        String first = SparkBenchCommand.SECTION.replaceIn(trainingSpeed, "## Spark\n\noverhead 12%\n");
        String second = SparkBenchCommand.SECTION.replaceIn(first, "## Spark\n\noverhead 9%\n");
        assertTrue(second.startsWith(trainingSpeed), second);
        assertTrue(second.contains("overhead 9%") && !second.contains("overhead 12%"), second);
        String third = BenchCommand.withSection(second, "# Benchmarks\n\nstep 8 ms\n");
        assertTrue(third.contains("overhead 9%") && third.contains("step 8 ms") && !third.contains("step 10 ms"), third);
    }

    private static SparkBenchReport report(SparkBenchReport.MaskBytes masks) {
        return new SparkBenchReport("test", 0, "machine", 0, 0, 256, masks, List.of(), new SparkFloor(200, new SparkFloor.Millis(1, 0.5, 2), new SparkFloor.Millis(20, 15, 30)));
    }
}
