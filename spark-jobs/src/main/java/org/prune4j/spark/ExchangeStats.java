package org.prune4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Every round's bytes and times: sent to each worker, gathered back, and what dense arrays would cost. */
final class ExchangeStats {

    private final List<SparkRound> rounds = new ArrayList<>();

    void record(SparkRound round) {
        rounds.add(round);
    }

    List<SparkRound> rounds() {
        return List.copyOf(rounds);
    }

    /** One line for the log. */
    String describe() {
        if (rounds.isEmpty()) {
            return "no Spark rounds";
        }
        double n = rounds.size() * 1024.0;
        return String.format(Locale.ROOT, "Spark exchange: %d rounds, per round %.1f KiB sent to each worker (dense: %.1f KiB) "
                + "and %.1f KiB gathered from each worker (dense: %.1f KiB)", rounds.size(),
                rounds.stream().mapToLong(SparkRound::sentBytes).sum() / n,
                rounds.stream().mapToLong(SparkRound::denseSentBytes).sum() / n,
                rounds.stream().mapToLong(SparkRound::resultBytes).sum() / n,
                rounds.stream().mapToLong(SparkRound::denseResultBytes).sum() / n);
    }
}
