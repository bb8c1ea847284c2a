package org.prune4j.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A model, not a measurement, of the sync overhead of one Spark round on N workers:
 *
 * <pre>
 * overhead(N)      = latency * levels(N) + criticalBytes(N) * (hostSecondsPerByte + 1 / link)
 * criticalBytes(N) = broadcast + sum over the aggregation levels of fanIn * result
 * </pre>
 *
 * {@code latency} is what a round costs whatever its size (a Spark job and its tasks, the driver's own
 * step), once per level of the aggregation tree; {@code hostSecondsPerByte} is the time every byte on the
 * critical path costs the hosts (packing, Kryo, copying into the graph). Both are fitted to rounds of a
 * local master, which has no network, so the link is what a cluster adds. The broadcast crosses the link
 * once (TorrentBroadcast lets executors fetch its blocks from each other); each level's receiver takes in
 * its fan-in's results one after another. Stragglers and contention are not modelled.
 *
 * @param latencySeconds     fixed cost per aggregation level
 * @param hostSecondsPerByte host time per byte on the critical path
 */
record ScalingModel(double latencySeconds, double hostSecondsPerByte) {

    /** A measured round: its workers, what it broadcast, one worker's result, and its measured overhead. */
    record Point(int workers, long broadcastBytes, long resultBytes, double overheadSeconds) {
    }

    /** The model through two measured rounds, which must differ in bytes per level. */
    static ScalingModel fit(Point a, Point b) {
        double la = levels(a.workers());
        double lb = levels(b.workers());
        double ba = criticalBytes(a.workers(), a.broadcastBytes(), a.resultBytes());
        double bb = criticalBytes(b.workers(), b.broadcastBytes(), b.resultBytes());
        double det = la * bb - lb * ba;
        if (det == 0) {
            throw new IllegalArgumentException("the two points must differ in bytes per level, found " + ba / la
                    + " for both");
        }
        return new ScalingModel((a.overheadSeconds() * bb - b.overheadSeconds() * ba) / det,
                (la * b.overheadSeconds() - lb * a.overheadSeconds()) / det);
    }

    /** Predicted overhead of a round; {@code linkBytesPerSecond} is infinite on one machine. */
    double overheadSeconds(int workers, long broadcastBytes, long resultBytes, double linkBytesPerSecond) {
        return latencySeconds * levels(workers) + criticalBytes(workers, broadcastBytes, resultBytes)
                * (hostSecondsPerByte + 1 / linkBytesPerSecond);
    }

    static int levels(int workers) {
        return fanIns(workers).size();
    }

    static double criticalBytes(int workers, long broadcastBytes, long resultBytes) {
        return broadcastBytes + fanIns(workers).stream().mapToDouble(f -> f * (double) resultBytes).sum();
    }

    /**
     * The fan-in of every level of Spark's {@code treeAggregate} at its default depth 2, the driver's last:
     * 2 workers give [2], 8 give [4, 2], 64 give [8, 8]. It follows {@code RDD.treeAggregate}: with
     * {@code scale = max(ceil(sqrt(n)), 2)}, a shuffle level of n / scale partitions is added while
     * {@code n > scale + ceil(n / scale)}.
     */
    static List<Integer> fanIns(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be positive, found " + workers);
        }
        List<Integer> out = new ArrayList<>();
        int n = workers;
        int scale = Math.max((int) Math.ceil(Math.sqrt(n)), 2);
        while (n > scale + (n + scale - 1) / scale) {
            int next = n / scale;
            out.add((n + next - 1) / next);
            n = next;
        }
        out.add(n);
        return out;
    }
}
