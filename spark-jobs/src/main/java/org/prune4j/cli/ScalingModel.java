package org.prune4j.cli;


/**
 * A model, not a measurement, of the sync overhead of one round on N workers, each connected to the
 * driver ({@link org.prune4j.spark.SparkEngine}'s round channel: a star):
 *
 * <pre>
 * overhead(N)  = latency + hostBytes(N) * hostSecondsPerByte + linkBytes(N) / link
 * hostBytes(N) = state + N * result        (the driver packs the state once and takes in every result)
 * linkBytes(N) = N * (state + result)      (what crosses the driver's own link)
 * </pre>
 *
 * {@code latency} is what a round costs whatever its size (the socket round trips, the driver's own
 * step); {@code hostSecondsPerByte} is the time every byte on the critical path costs the hosts (packing,
 * Kryo, copying into the graph). Both are fitted to rounds of a local master, which has no network, so
 * the link is what a cluster adds. Stragglers and contention are not modelled.
 *
 * @param latencySeconds     fixed cost of a round
 * @param hostSecondsPerByte host time per byte on the critical path
 */
record ScalingModel(double latencySeconds, double hostSecondsPerByte) {

    /** A measured round: its workers, the state it sent, one worker's result, and its measured overhead. */
    record Point(int workers, long stateBytes, long resultBytes, double overheadSeconds) {
    }

    /** The model through two measured rounds, which must differ in bytes on the hosts. */
    static ScalingModel fit(Point a, Point b) {
        double ba = hostBytes(a.workers(), a.stateBytes(), a.resultBytes());
        double bb = hostBytes(b.workers(), b.stateBytes(), b.resultBytes());
        if (ba == bb) {
            throw new IllegalArgumentException("the two points must differ in bytes on the hosts, found " + ba
                    + " for both");
        }
        double h = (b.overheadSeconds() - a.overheadSeconds()) / (bb - ba);
        return new ScalingModel(a.overheadSeconds() - h * ba, h);
    }

    /** Predicted overhead of a round; {@code linkBytesPerSecond} is infinite on one machine. */
    double overheadSeconds(int workers, long stateBytes, long resultBytes, double linkBytesPerSecond) {
        return latencySeconds + hostBytes(workers, stateBytes, resultBytes) * hostSecondsPerByte
                + linkBytes(workers, stateBytes, resultBytes) / linkBytesPerSecond;
    }

    static double hostBytes(int workers, long stateBytes, long resultBytes) {
        return stateBytes + workers * (double) resultBytes;
    }

    static double linkBytes(int workers, long stateBytes, long resultBytes) {
        return workers * ((double) stateBytes + resultBytes);
    }
}
