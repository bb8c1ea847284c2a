package org.prune4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.checkpoints.CheckpointStore;
import org.prune4j.checkpoints.TrainingState;

/** Checkpoints and run directories as the CLI tests inspect them. */
final class Checkpoints {

    private Checkpoints() {
    }

    /** The newest complete checkpoint in {@code store}; fails on any warning. */
    static TrainingState latest(String store) throws IOException {
        return CheckpointStore.open(store, 1, w -> {
            throw new AssertionError(w);
        }).latest().orElseThrow(() -> new AssertionError("no checkpoint in " + store));
    }

    /** The largest |difference| of every array of two states, which must hold the same arrays. */
    static Map<String, Double> maxAbsDifferences(TrainingState a, TrainingState b) {
        assertEquals(a.step(), b.step(), "step");
        assertEquals(a.arrays().keySet(), b.arrays().keySet(), "the same arrays");
        Map<String, Double> diffs = new TreeMap<>();
        a.arrays().forEach((name, x) -> {
            INDArray y = b.arrays().get(name);
            diffs.put(name, x.castTo(DataType.DOUBLE).sub(y.castTo(DataType.DOUBLE)).amaxNumber().doubleValue());
        });
        return diffs;
    }

    /** Asserts that every array of two states is the same, bit for bit. */
    static void assertSameArrays(TrainingState expected, TrainingState actual) {
        maxAbsDifferences(expected, actual).forEach((name, d) -> assertEquals(0.0, d, 0.0, name));
    }

    static void flipLastByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(file, bytes);
    }

    /** A copy of a directory tree. */
    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
