package org.prune4j.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import scala.Tuple2;

/**
 * Sums the workers' results of a round in worker order, whatever order Spark delivers them in, so that
 * a round (and a retried task) gives the same bits every time for any number of workers. Floating-point
 * addition is not associative: {@code treeAggregate} adds partial results as they arrive, which with 3 or
 * more workers changes the last bits from run to run.
 *
 * <p>The tree has the fan-ins of {@code treeAggregate} at depth 2 ({@link #fanIns}): up to a handful of
 * workers the driver collects every result and adds them in order; beyond, consecutive workers are
 * grouped on the executors (one shuffle), each group added in order, and the driver adds the groups in
 * order.
 */
public final class OrderedTree {

    private OrderedTree() {
    }

    /** The sum of {@code round(w)} over the workers {@code w} (the elements of {@code workers}, 0..n-1), in order. */
    static WorkerResult sum(JavaRDD<Integer> workers, int count, Function<Integer, WorkerResult> round) {
        List<Integer> fanIns = fanIns(count);
        List<Tuple2<Integer, WorkerResult>> parts;
        if (fanIns.size() == 1) {
            parts = workers.map(w -> new Tuple2<>(w, round.call(w))).collect();
        } else {
            int groupSize = fanIns.get(0);
            parts = workers.mapToPair(w -> new Tuple2<>(w / groupSize, new Tuple2<>(w, round.call(w))))
                    .groupByKey(fanIns.get(1))
                    .map(group -> new Tuple2<>(group._1(), inOrder(group._2())))
                    .collect();
        }
        return inOrder(parts);
    }

    /** Adds the results in the order of their keys. */
    static WorkerResult inOrder(Iterable<Tuple2<Integer, WorkerResult>> keyed) {
        List<Tuple2<Integer, WorkerResult>> sorted = new ArrayList<>();
        keyed.forEach(sorted::add);
        sorted.sort(Comparator.comparing(Tuple2::_1));
        WorkerResult total = new WorkerResult();
        for (Tuple2<Integer, WorkerResult> part : sorted) {
            total = total.add(part._2());
        }
        return total;
    }

    /**
     * The fan-in of every level of Spark's {@code treeAggregate} at its default depth 2, the driver's last:
     * 2 workers give [2], 8 give [4, 2], 64 give [8, 8]. It follows {@code RDD.treeAggregate}: with
     * {@code scale = max(ceil(sqrt(n)), 2)}, a shuffle level of n / scale partitions is added while
     * {@code n > scale + ceil(n / scale)}.
     */
    public static List<Integer> fanIns(int workers) {
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
