package org.prune4j.spark;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The cost of a round that moves nothing: broadcast one number, map over one partition per worker,
 * collect the results, on a fresh context for {@code master} (a round of up to 5 workers collects its
 * results the same way, {@link OrderedTree}). Every round of {@link SparkEngine}
 * is one such Spark job plus its arrays and steps, so this is the floor of its sync overhead.
 *
 * @param medianMillis the median of the timed rounds
 * @param minMillis    the fastest
 * @param maxMillis    the slowest
 */
public record SparkFloor(double medianMillis, double minMillis, double maxMillis) {

    /** Times {@code rounds} bare rounds on {@code workers} partitions after {@code warmup} untimed ones. */
    public static SparkFloor measure(String master, int workers, int warmup, int rounds) {
        try (JavaSparkContext sc = SparkContexts.create("prune4j bench-spark floor", master)) {
            JavaRDD<Integer> partitions = sc.parallelize(IntStream.range(0, workers).boxed().toList(), workers);
            double[] millis = new double[rounds];
            for (int r = -warmup; r < rounds; r++) {
                long started = System.nanoTime();
                Broadcast<long[]> step = sc.broadcast(new long[] {r});
                long sum = partitions.map(w -> step.value()[0] + w).collect().stream().mapToLong(Long::longValue).sum();
                step.destroy();
                if (sum != (long) r * workers + (long) workers * (workers - 1) / 2) {
                    throw new IllegalStateException("a bare round summed to " + sum);
                }
                if (r >= 0) {
                    millis[r] = (System.nanoTime() - started) / 1e6;
                }
            }
            Arrays.sort(millis);
            double median = rounds % 2 == 1 ? millis[rounds / 2] : (millis[rounds / 2 - 1] + millis[rounds / 2]) / 2;
            return new SparkFloor(median, millis[0], millis[rounds - 1]);
        }
    }
}
