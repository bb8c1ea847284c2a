package org.prune4j.checkpoints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A format-version-1 checkpoint, written once by this code and checked in under
 * {@code src/test/resources/golden/ckpt-v1}, so no change to the layout goes unnoticed: every later
 * build must read it, and must write the same state to the same bytes.
 *
 * <p>It is {@link States#everyKind} at step 7, saved with {@code CheckpointStore.save}; {@code
 * numpy.load} reads each of its arrays. After a deliberate format change, raise {@code
 * Manifest.FORMAT_VERSION}, keep this directory (its refusal message is then what users of old
 * checkpoints see) and add {@code ckpt-v2} beside it.
 */
class GoldenCheckpointTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/ckpt-v1");

    @Test
    void readsTheCheckedInVersionOneCheckpoint() throws Exception {
        CheckpointStore store = CheckpointStore.open(GOLDEN.toString(), 1, w -> {
            throw new AssertionError(w);
        });
        States.assertIdentical(States.everyKind(7), store.latest().orElseThrow());
    }

    @Test
    void writesTheSameStateToTheSameBytes(@TempDir Path tmp) throws Exception {
        CheckpointStore.open(tmp.toString(), 1, w -> { }).save(States.everyKind(7));
        List<Path> golden = files(GOLDEN);
        assertEquals(golden, files(tmp), "the same files");
        for (Path f : golden) {
            assertArrayEquals(Files.readAllBytes(GOLDEN.resolve(f)), Files.readAllBytes(tmp.resolve(f)), f.toString());
        }
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
