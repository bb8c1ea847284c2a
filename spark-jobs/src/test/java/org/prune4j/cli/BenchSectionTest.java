package org.prune4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchSectionTest {

    @Test
    void replacesOnlyItsOwnSectionAndKeepsTheOtherBenchmarks() {
        String other = "# Benchmarks\n\n## Checkpoint write cost\n\nratio 1.5\n";
        String first = BenchCommand.withSection(other, "# Benchmarks\n\nstep 10 ms\n");
        assertTrue(first.startsWith(other.stripTrailing()), first);
        assertTrue(first.contains("## Training speed\n\nstep 10 ms\n"), first);
        String second = BenchCommand.withSection(first, "# Benchmarks\n\nstep 9 ms\n");
        assertTrue(second.contains("step 9 ms") && !second.contains("step 10 ms"), second);
        assertTrue(second.contains("ratio 1.5"), second);
        assertTrue(second.contains(BenchCommand.BEGIN), "marked");
        assertEquals(second.indexOf(BenchCommand.BEGIN), second.lastIndexOf(BenchCommand.BEGIN), "one section");
    }
}
