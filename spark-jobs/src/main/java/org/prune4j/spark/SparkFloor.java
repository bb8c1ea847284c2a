package org.prune4j.spark;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The cost of a round that moves nothing, both ways a round could go, side by side on one fresh context:
 * through {@link RoundChannel} as {@link SparkEngine} runs its rounds (8 bytes to every worker's
 * long-lived task and back), and as one Spark job per round (broadcast one number, map over one
 * partition per worker, collect), the design the channel replaced.
 *
 * @param warmup  untimed rounds of each kind before the timed ones
 * @param channel a bare round through the channel
 * @param job     a bare Spark job
 */
public record SparkFloor(int warmup, Millis channel, Millis job) {

    /** The median, fastest and slowest of the timed rounds. */
    public record Millis(double median, double min, double max) {

        static Millis of(double[] millis) {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Millis(median, sorted[0], sorted[n - 1]);
        }
    }

    /** Times {@code rounds} bare rounds of each kind on {@code workers} partitions after {@code warmup} untimed. */
    public static SparkFloor measure(String master, int workers, int warmup, int rounds) {
        try (JavaSparkContext sc = SparkContexts.create("prune4j bench-spark floor", master)) {
            JavaRDD<Integer> partitions = sc.parallelize(IntStream.range(0, workers).boxed().toList(), workers);
            return new SparkFloor(warmup, channelRounds(sc, partitions, workers, warmup, rounds),
                    jobRounds(partitions, sc, workers, warmup, rounds));
        }
    }

    private static Millis channelRounds(JavaSparkContext sc, JavaRDD<Integer> partitions, int workers, int warmup,
                                        int rounds) {
        String host = sc.getConf().get("spark.driver.host");
        String bindAddress = sc.getConf().get("spark.driver.bindAddress", host);
        try (RoundChannel channel = new RoundChannel(workers, host, bindAddress)) {
            JavaFutureAction<Void> tasks = partitions.foreachPartitionAsync(
                    new RoundTask(channel.endpoint(), (worker, payload) -> payload));
            byte[] payload = new byte[8];
            return time(warmup, rounds, r -> {
                List<byte[]> echoes;
                try {
                    echoes = channel.exchange(payload, () -> tasks.isDone()
                            ? new IllegalStateException("the floor's tasks ended") : null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while timing bare rounds", e);
                }
                if (echoes.size() != workers || echoes.stream().anyMatch(e -> e.length != payload.length)) {
                    throw new IllegalStateException("a bare round came back with " + echoes.size() + " answers");
                }
            });
        }
    }

    private static Millis jobRounds(JavaRDD<Integer> partitions, JavaSparkContext sc, int workers, int warmup,
                                    int rounds) {
        return time(warmup, rounds, r -> {
            Broadcast<long[]> step = sc.broadcast(new long[] {r});
            long sum = partitions.map(w -> step.value()[0] + w).collect().stream().mapToLong(Long::longValue).sum();
            step.destroy();
            if (sum != (long) r * workers + (long) workers * (workers - 1) / 2) {
                throw new IllegalStateException("a bare Spark job summed to " + sum);
            }
        });
    }

    /** Runs {@code round(r)} for r from -warmup to rounds - 1 and times the rounds from 0 on. */
    private static Millis time(int warmup, int rounds, IntConsumer round) {
        double[] millis = new double[rounds];
        for (int r = -warmup; r < rounds; r++) {
            long started = System.nanoTime();
            round.accept(r);
            if (r >= 0) {
                millis[r] = (System.nanoTime() - started) / 1e6;
            }
        }
        return Millis.of(millis);
    }
}
