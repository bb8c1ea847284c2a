package org.prune4j.cli;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.prune4j.spark.SparkRound;
import org.prune4j.trainer.bench.Stats;

/**
 * One arm of the Spark benchmark: where it ran, its steady-state throughput, and the rounds timed after
 * the warm-up (none for the single-JVM reference).
 *
 * @param master            the Spark master, or {@code none}
 * @param workers           data-parallel workers (1 for {@code none})
 * @param syncEvery         steps per round
 * @param samplesPerSecond  training examples per second over the timed steps, measured by the training loop
 * @param rounds            the timed rounds, as the driver measured them
 */
record SparkArm(String master, int workers, int syncEvery, double samplesPerSecond, List<SparkRound> rounds) {

    SparkArm {
        rounds = List.copyOf(rounds);
    }

    boolean usesSpark() {
        return !rounds.isEmpty();
    }

    /** Median wall time of a round on the driver, in ms. */
    double wallMillis() {
        return median(r -> r.wallNanos() / 1e6);
    }

    /** Median of the slowest worker's compute in a round, in ms. */
    double computeMillis() {
        return median(r -> r.computeNanos() / 1e6);
    }

    /** Median over rounds of the round's wall time minus its slowest worker's compute, in ms. */
    double overheadMillis() {
        return median(r -> (r.wallNanos() - r.computeNanos()) / 1e6);
    }

    /** Median over rounds of overhead / compute, each round against its own compute. */
    double overheadFraction() {
        return median(r -> (r.wallNanos() - r.computeNanos()) / (double) r.computeNanos());
    }

    /** What a timed round exchanged: the last one (masks are fixed, so every timed round sends the same). */
    SparkRound exchange() {
        return rounds.get(rounds.size() - 1);
    }

    private double median(ToDoubleFunction<SparkRound> f) {
        if (rounds.isEmpty()) {
            throw new IllegalStateException("the " + master + " arm timed no Spark rounds");
        }
        return Stats.of(rounds.stream().mapToDouble(f).toArray()).median();
    }
}
