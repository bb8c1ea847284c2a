package org.prune4j.cli;

import org.prune4j.spark.OrderedTree;

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
        return OrderedTree.fanIns(workers).size();
    }

    static double criticalBytes(int workers, long broadcastBytes, long resultBytes) {
        return broadcastBytes + OrderedTree.fanIns(workers).stream().mapToDouble(f -> f * (double) resultBytes).sum();
    }
}
