package org.prune4j.checkpoints;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a checkpoint costs over writing its arrays' bytes: {@link CheckpointStore#save} (npy headers,
 * SHA-256 of every byte, manifest, COMMIT, rename) against the same bytes, already on the heap, written
 * to the same number of files through the same Hadoop file system, each file synced, no hashing.
 * Retiring old checkpoints is left out (the store keeps them all), as deleting is not writing. The issue's
 * target is a ratio of at most 2. Timing on a shared machine is noisy, so this runs only on request and
 * reports medians; the figures go to docs/BENCHMARKS.md:
 *
 * <pre>mvn -o -q test -pl checkpoints -Dtest=CheckpointWriteBenchmark -Dprune4j.benchmark=true</pre>
 */
@EnabledIfSystemProperty(named = "prune4j.benchmark", matches = "true")
class CheckpointWriteBenchmark {

    private static final int REPEATS = 7;

    @TempDir
    Path tmp;

    @Test
    void checkpointVersusRawBytes() throws Exception {
        FileSystem fs = FileSystem.getLocal(new Configuration()).getRawFileSystem(); // as the store uses it
        double worst = 0;
        for (long[] shape : List.of(new long[] {22, 266_200 / 22}, new long[] {12, 2_500_000})) {
            TrainingState state = state((int) shape[0], shape[1]);
            List<byte[]> raw = new ArrayList<>();
            state.arrays().values().forEach(a -> raw.add(bytes(a)));
            long total = raw.stream().mapToLong(b -> b.length).sum();
            List<Double> rawSeconds = new ArrayList<>();
            List<Double> checkpointSeconds = new ArrayList<>();
            CheckpointStore store = CheckpointStore.open(tmp.resolve("store-" + shape[0]).toString(), REPEATS,
                    w -> { });
            for (int r = 0; r < REPEATS; r++) {
                org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(tmp.resolve("raw-" + r).toUri());
                long t0 = System.nanoTime();
                for (int i = 0; i < raw.size(); i++) {
                    try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(dir, i + ".bin"), false)) {
                        out.write(raw.get(i));
                        out.hsync();
                    }
                }
                rawSeconds.add((System.nanoTime() - t0) / 1e9);
                fs.delete(dir, true);
                TrainingState step = new TrainingState(r, state.arrays(), state.scalars(), state.recipeYaml(),
                        state.provenance());
                long t1 = System.nanoTime();
                store.save(step);
                checkpointSeconds.add((System.nanoTime() - t1) / 1e9);
            }
            double rawMedian = median(rawSeconds);
            double checkpointMedian = median(checkpointSeconds);
            worst = Math.max(worst, checkpointMedian / rawMedian);
            System.out.printf(Locale.ROOT, "| %d arrays, %.1f MB | %.1f ms (%.0f MB/s) | %.1f ms (%.0f MB/s) | %.2f |%n",
                    raw.size(), total / 1e6, rawMedian * 1e3, total / 1e6 / rawMedian, checkpointMedian * 1e3,
                    total / 1e6 / checkpointMedian, checkpointMedian / rawMedian);
        }
        assertTrue(worst > 0);
    }

    private static TrainingState state(int arrays, long length) {
        Map<String, INDArray> named = new LinkedHashMap<>();
        for (int i = 0; i < arrays; i++) {
            named.put("graph/w" + i, Nd4j.rand(DataType.FLOAT, length));
        }
        return new TrainingState(0, named, Map.of("seed", 1L), States.RECIPE, States.PROVENANCE);
    }

    private static byte[] bytes(INDArray a) {
        ByteBuffer data = a.data().asNio().duplicate();
        data.clear();
        byte[] out = new byte[data.remaining()];
        data.get(out);
        return out;
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
