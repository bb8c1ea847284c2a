package org.prune4j.masks;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Splits an expensive element-wise host pass over the cores. The host passes of a soft mask run
 * between two training steps, while ND4J's own threads are idle, so on a small machine (ND4J at one
 * OpenMP thread, as the launcher sets it) the other cores would otherwise wait. Only for passes that
 * compute (PDP's soft mask: 1.6x faster on 2 cores for a 235k-entry layer); plain copies lose more to
 * the fork than they gain. The other cores' threads are {@link HostWorkers}.
 */
public final class HostParallel {

    /** Below this many elements per range the fork costs more than it saves (measured on 2 cores). */
    static final int MIN_RANGE = 65_536;

    /**
     * Ranges per core in {@link #ranges}: MaskLLM's host work took 0.13-0.3 ms a step less with 4 than with 1;
     * a 784x512 weight's Adam step after 5 ms of a busy caller 258-316 µs (median) against 308-377.
     */
    static final int RANGES_PER_CORE = 4;

    /** A pass over the elements {@code [from, to)}, the {@code part}-th of {@link #parts}; ranges never overlap. */
    @FunctionalInterface
    public interface Range {
        void run(int part, int from, int to);
    }

    /** A pass over the units {@code [from, to)} of segment {@code segment}, within range {@code part}. */
    @FunctionalInterface
    public interface SegmentRange {
        void run(int part, int segment, int from, int to);
    }

    private HostParallel() {
    }

    /** How many ranges {@link #forRanges} splits {@code n} elements into: one per core, each >= {@link #MIN_RANGE}. */
    public static int parts(int n) {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n / MIN_RANGE));
    }

    /**
     * Ranges for a pass over {@code n} elements: {@link #parts}, times {@link #RANGES_PER_CORE} where that is
     * more than one. The threads take ranges as they come, so a worker that wakes late (about 0.1 ms on this
     * VM) hands its share on to the caller instead of holding the pass up.
     */
    public static int ranges(int n) {
        int parts = parts(n);
        return parts == 1 ? 1 : parts * RANGES_PER_CORE;
    }

    /** Runs {@code body} over {@code [0, n)} in {@link #parts} ranges, in parallel when there are several. */
    public static void forRanges(int n, Range body) {
        forRanges(n, parts(n), body);
    }

    /**
     * As {@link #forRanges(int, Range)} in a given number of ranges: for a pass whose scratch is sized per
     * part once, while the cores the JVM sees may change.
     */
    public static void forRanges(int n, int parts, Range body) {
        forSegments(new int[] {n}, new int[] {1}, parts, (part, segment, from, to) -> body.run(part, from, to));
    }

    /**
     * Runs several passes as one, with one fork for all: segment s has {@code units[s]} units that cost
     * {@code cost[s]} each; their concatenation is cut at unit boundaries into {@code parts} ranges of about
     * equal cost, each running its pieces of the segments in order. Empty pieces are skipped.
     *
     * <p>The calling thread and one {@link HostWorkers} thread per further core take the ranges one by one,
     * each the next not yet taken: the caller starts at once, and a worker that joins late or is descheduled
     * (this machine is shared) leaves its share to the others, so asking for a few ranges per core balances
     * the load. The call returns when every range has run; what a range throws, the caller throws.
     */
    public static void forSegments(int[] units, int[] cost, int parts, SegmentRange body) {
        long[] start = new long[units.length + 1];
        for (int s = 0; s < units.length; s++) {
            start[s + 1] = start[s] + (long) units[s] * cost[s];
        }
        long total = start[units.length];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // a range that throws does not stop its thread taking the next: every range runs, whichever thread
        // takes it and however many threads there are
        Runnable takeRanges = () -> {
            for (int p = next.getAndIncrement(); p < parts; p = next.getAndIncrement()) {
                try {
                    runPart(units, cost, start, p, total * p / parts, total * (p + 1) / parts, body);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        };
        int helpers = Math.max(0, Math.min(parts, HostWorkers.count() + 1) - 1);
        // a helper counts itself in before it takes a range: once the caller has seen every range taken and
        // none counted in, a helper that starts later takes none
        AtomicInteger running = new AtomicInteger();
        Runnable helper = () -> {
            running.incrementAndGet();
            try {
                takeRanges.run();
            } finally {
                running.decrementAndGet();
            }
        };
        for (int h = 0; h < helpers; h++) {
            HostWorkers.execute(helper);
        }
        takeRanges.run();
        for (int h = 0; h < helpers; h++) {
            HostWorkers.cancel(helper);
        }
        while (running.get() > 0) { // the last ranges, a fraction of a pass: not worth a park and a wake-up
            Thread.onSpinWait();
        }
        Throwable failed = failure.get();
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
        if (failed != null) {
            throw new IllegalStateException("a range of a host pass failed", failed);
        }
    }

    /** The pieces of the units whose cost begins in {@code [from, to)}: a unit belongs to the range of its start. */
    private static void runPart(int[] units, int[] cost, long[] start, int part, long from, long to,
                                SegmentRange body) {
        for (int s = 0; s < units.length; s++) {
            int first = firstUnitAtOrAfter(from, s, cost, start, units);
            int end = firstUnitAtOrAfter(to, s, cost, start, units);
            if (first < end) {
                body.run(part, s, first, end);
            }
        }
    }

    /** Within segment s, the first unit whose cost starts at or after {@code at} (clamped to the segment). */
    private static int firstUnitAtOrAfter(long at, int s, int[] cost, long[] start, int[] units) {
        if (at <= start[s]) {
            return 0;
        }
        return (int) Math.min(units[s], (at - start[s] + cost[s] - 1) / cost[s]);
    }
}
