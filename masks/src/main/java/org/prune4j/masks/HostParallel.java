package org.prune4j.masks;

import java.util.stream.IntStream;

/**
 * Splits an expensive element-wise host pass over the cores. The host passes of a soft mask run
 * between two training steps, while ND4J's own threads are idle, so on a small machine (ND4J at one
 * OpenMP thread, as the launcher sets it) the other cores would otherwise wait. Only for passes that
 * compute (PDP's soft mask: 1.6x faster on 2 cores for a 235k-entry layer); plain copies lose more to
 * waking the pool than they gain.
 */
public final class HostParallel {

    /** Below this many elements per range the fork costs more than it saves (measured on 2 cores). */
    static final int MIN_RANGE = 65_536;

    /** A pass over the elements {@code [from, to)}, the {@code part}-th of {@link #parts}; ranges never overlap. */
    @FunctionalInterface
    public interface Range {
        void run(int part, int from, int to);
    }

    private HostParallel() {
    }

    /** How many ranges {@link #forRanges} splits {@code n} elements into: one per core, each >= {@link #MIN_RANGE}. */
    public static int parts(int n) {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n / MIN_RANGE));
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
        if (parts == 1) {
            body.run(0, 0, n);
            return;
        }
        IntStream.range(0, parts).parallel().forEach(p -> body.run(p, (int) ((long) n * p / parts),
                (int) ((long) n * (p + 1) / parts)));
    }
}
