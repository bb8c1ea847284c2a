package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HostParallelTest {

    private record Piece(int part, int segment, int from, int to) {
    }

    private static List<Piece> pieces(int[] units, int[] cost, int parts) {
        List<Piece> out = new ArrayList<>();
        HostParallel.forSegments(units, cost, parts, (part, segment, from, to) -> {
            synchronized (out) {
                out.add(new Piece(part, segment, from, to));
            }
        });
        return out;
    }

    /** Every unit of every segment lies in exactly one non-empty piece, whatever the number of parts. */
    @Test
    void theRangesCoverEveryUnitOnce() {
        int[] units = {7, 0, 1, 300, 3};
        int[] cost = {600, 5, 1, 40, 2_000};
        for (int parts = 1; parts <= 9; parts++) {
            int[][] seen = new int[units.length][];
            for (int s = 0; s < units.length; s++) {
                seen[s] = new int[units[s]];
            }
            for (Piece p : pieces(units, cost, parts)) {
                assertTrue(p.from < p.to, "empty piece " + p);
                assertTrue(p.part >= 0 && p.part < parts, "part " + p);
                for (int u = p.from; u < p.to; u++) {
                    seen[p.segment][u]++;
                }
            }
            for (int s = 0; s < units.length; s++) {
                for (int u = 0; u < units[s]; u++) {
                    assertEquals(1, seen[s][u], "parts " + parts + ", segment " + s + ", unit " + u);
                }
            }
        }
    }

    /**
     * The ranges split the cost, not the units: a small segment after a large one joins the second range,
     * and no range costs more than its share plus one unit.
     */
    @Test
    void theRangesSplitTheCostEvenly() {
        int[] units = {196, 75, 25};
        int[] cost = {1_800, 600, 60};
        long total = 196L * 1_800 + 75 * 600 + 25 * 60;
        long[] partCost = new long[2];
        for (Piece p : pieces(units, cost, 2)) {
            partCost[p.part] += (long) (p.to - p.from) * cost[p.segment];
        }
        for (long c : partCost) {
            assertTrue(Math.abs(c - total / 2) <= 1_800, "range cost " + c + " of " + total);
        }
    }

    /** One range runs its pieces in the segments' order, on the calling thread. */
    @Test
    void oneRangeRunsTheSegmentsInOrder() {
        Thread caller = Thread.currentThread();
        List<Piece> seen = new ArrayList<>();
        HostParallel.forSegments(new int[] {2, 0, 3}, new int[] {1, 1, 1}, 1, (part, segment, from, to) -> {
            assertEquals(caller, Thread.currentThread());
            seen.add(new Piece(part, segment, from, to));
        });
        assertEquals(List.of(new Piece(0, 0, 0, 2), new Piece(0, 2, 0, 3)), seen);
    }

    /**
     * What a range throws reaches the caller, whichever thread ran it, and only after every range has run:
     * nothing of the pass runs once the call has returned.
     */
    @Test
    void aFailingRangeFailsTheCallAfterEveryRangeRan() {
        for (int failing = 0; failing < 8; failing++) {
            int bad = failing;
            AtomicInteger ran = new AtomicInteger();
            IllegalStateException boom = new IllegalStateException("range " + bad);
            var thrown = assertThrows(IllegalStateException.class, () -> HostParallel.forRanges(8_000, 8,
                    (part, from, to) -> {
                        sleepQuietly();
                        ran.incrementAndGet();
                        if (part == bad) {
                            throw boom;
                        }
                    }));
            assertSame(boom, thrown);
            int after = ran.get();
            sleepQuietly();
            assertEquals(8, after, "every range ran before the call returned");
            assertEquals(8, ran.get(), "no range ran after it");
        }
    }

    /**
     * A worker idle longer than {@link HostWorkers#IDLE_NANOS} has parked: a task still runs, woken by
     * {@code execute}; on a machine with one core it runs on the calling thread.
     */
    @Test
    void aTaskRunsAfterTheWorkersParked() throws Exception {
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(HostWorkers.IDLE_NANOS) + 100);
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        HostWorkers.execute(() -> ranOn.complete(Thread.currentThread()));
        Thread thread = ranOn.get(10, TimeUnit.SECONDS);
        assertEquals(HostWorkers.count() == 0, thread == Thread.currentThread(), "ran on " + thread.getName());
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
