package org.prune4j.trainer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BenchReportTest {

    /** A ratio just over the limit must not read as the limit itself next to "no". */
    @Test
    void aTargetShowsAThirdDecimalWhereTwoWouldRoundAcrossTheLimit() {
        assertEquals("| t | 1.250x | **no** |\n", BenchReport.target("t", 1.2504, 1.25).replace("\r", ""));
        assertEquals("| t | 1.25x | yes |\n", BenchReport.target("t", 1.2496, 1.25).replace("\r", ""));
        assertEquals("| t | 1.25x | yes |\n", BenchReport.target("t", 1.25, 1.25).replace("\r", ""));
        assertEquals("| t | 1.30x | **no** |\n", BenchReport.target("t", 1.3, 1.25).replace("\r", ""));
        assertEquals("| t | 1.24x | yes |\n", BenchReport.target("t", 1.244, 1.25).replace("\r", ""));
    }
}
