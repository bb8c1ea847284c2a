package org.prune4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import scala.Tuple2;

class OrderedTreeTest {

    @Test
    void fanInsFollowSparkTreeAggregateAtDepthTwo() {
        assertEquals(List.of(1), OrderedTree.fanIns(1));
        assertEquals(List.of(2), OrderedTree.fanIns(2));
        assertEquals(List.of(5), OrderedTree.fanIns(5));
        assertEquals(List.of(3, 2), OrderedTree.fanIns(6));
        assertEquals(List.of(4, 2), OrderedTree.fanIns(8));
        assertEquals(List.of(8, 8), OrderedTree.fanIns(64));
        assertThrows(IllegalArgumentException.class, () -> OrderedTree.fanIns(0));
    }

    /** Worker w's result: 1,000 float sums of very different magnitudes, so the order of addition shows. */
    private static WorkerResult result(int w) {
        Random random = new Random(w);
        float[] values = new float[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
        }
        return new WorkerResult(Map.of("g", Nd4j.createFromArray(values)), Map.of(), new double[] {w}, 1, w);
    }

    private static float[] sums(WorkerResult r) {
        return r.sums.get("g").castTo(DataType.FLOAT).toFloatVector();
    }

    @Test
    void resultsAreAddedInWorkerOrderWhateverOrderTheyCameIn() {
        List<Tuple2<Integer, WorkerResult>> keyed = new ArrayList<>();
        IntStream.range(0, 6).forEach(w -> keyed.add(new Tuple2<>(w, result(w))));
        float[] inOrder = sums(OrderedTree.inOrder(keyed));
        List<Tuple2<Integer, WorkerResult>> shuffled = new ArrayList<>();
        IntStream.range(0, 6).forEach(w -> shuffled.add(new Tuple2<>(w, result(w))));
        Collections.shuffle(shuffled, new Random(1));
        assertArrayEquals(inOrder, sums(OrderedTree.inOrder(shuffled)), 0f);
        WorkerResult reversed = new WorkerResult();
        for (int w = 5; w >= 0; w--) {
            reversed = reversed.add(result(w));
        }
        assertFalse(Arrays.equals(inOrder, sums(reversed)), "the check is void if the order did not matter");
    }

    /**
     * Six workers take the grouped path ([3, 2]: workers 0-2 and 3-5 added in order on the executors, then
     * the two groups in order on the driver): the same bits every time.
     */
    @Test
    void sixWorkersOnSparkSumToTheSameBitsAsTheOrderedTree() {
        List<Tuple2<Integer, WorkerResult>> groups = new ArrayList<>();
        for (int g = 0; g < 2; g++) {
            List<Tuple2<Integer, WorkerResult>> group = new ArrayList<>();
            for (int w = 3 * g; w < 3 * g + 3; w++) {
                group.add(new Tuple2<>(w, result(w)));
            }
            groups.add(new Tuple2<>(g, OrderedTree.inOrder(group)));
        }
        float[] expected = sums(OrderedTree.inOrder(groups));
        try (JavaSparkContext sc = SparkContexts.create("ordered-tree-test", "local[6]")) {
            JavaRDD<Integer> workers = sc.parallelize(IntStream.range(0, 6).boxed().toList(), 6);
            for (int run = 0; run < 2; run++) {
                WorkerResult total = OrderedTree.sum(workers, 6, OrderedTreeTest::result);
                assertArrayEquals(expected, sums(total), 0f, "run " + run);
                assertEquals(6, total.workers);
                assertEquals(5, total.computeNanos, "the slowest worker's compute");
            }
        }
    }
}
