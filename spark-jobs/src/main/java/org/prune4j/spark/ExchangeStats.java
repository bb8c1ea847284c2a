package org.prune4j.spark;

import java.util.Locale;

/** Bytes exchanged per round: broadcast to the workers, gathered back, and what dense arrays would cost. */
final class ExchangeStats {

    private long rounds;
    private long broadcast;
    private long gathered;
    private long denseBroadcast;

    void record(long broadcastBytes, long gatheredBytes, long denseBroadcastBytes) {
        rounds++;
        broadcast += broadcastBytes;
        gathered += gatheredBytes;
        denseBroadcast += denseBroadcastBytes;
    }

    long rounds() {
        return rounds;
    }

    /** One line for the log. */
    String describe() {
        if (rounds == 0) {
            return "no Spark rounds";
        }
        return String.format(Locale.ROOT, "Spark exchange: %d rounds, per round %.1f KiB broadcast (dense: %.1f KiB) "
                + "and %.1f KiB gathered from all workers", rounds, broadcast / 1024.0 / rounds,
                denseBroadcast / 1024.0 / rounds, gathered / 1024.0 / rounds);
    }
}
