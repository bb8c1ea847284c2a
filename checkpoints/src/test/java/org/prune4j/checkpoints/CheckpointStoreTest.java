package org.prune4j.checkpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointStoreTest {

    @TempDir
    Path tmp;
    final List<String> warnings = new ArrayList<>();

    private CheckpointStore store(int keep) throws IOException {
        return CheckpointStore.open(tmp.resolve("ckpt").toString(), keep, warnings::add);
    }

    @Test
    void roundTripIsBitExactForEveryDataTypeAndShape() throws Exception {
        CheckpointStore store = store(3);
        TrainingState state = States.everyKind(7);
        String uri = store.save(state);
        assertEquals("file:" + tmp.resolve("ckpt/step-000000007"), uri);
        States.assertIdentical(state, store.load(7));
        States.assertIdentical(state, store.latest().orElseThrow());
        assertEquals(List.of(), warnings);
    }

    @Test
    void layoutIsAManifestThatChecksEveryFileAndACommitThatChecksTheManifest() throws Exception {
        store(3).save(States.everyKind(1234));
        Path dir = tmp.resolve("ckpt/step-000001234");
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        assertEquals(1, manifest.get("format_version").asInt());
        assertEquals(1234, manifest.get("step").asLong());
        assertEquals(Digests.sha256(States.RECIPE.getBytes(StandardCharsets.UTF_8)), manifest.get("recipe_sha256").asText());
        assertEquals(3, manifest.get("scalars").get("data.epoch").asLong());
        assertEquals("arrays/0002.npy", manifest.get("arrays").get("empty").asText(), "numbered in name order");
        assertEquals("test-host", manifest.get("provenance").get("host").asText());
        List<String> listed = new ArrayList<>();
        for (JsonNode f : manifest.get("files")) {
            Path file = dir.resolve(f.get("path").asText());
            assertEquals(Files.size(file), f.get("size").asLong(), f.toString());
            assertEquals(Digests.sha256(file), f.get("sha256").asText(), f.toString());
            listed.add(f.get("path").asText());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .filter(p -> !p.equals("manifest.json") && !p.equals("COMMIT")).sorted().toList(),
                    listed.stream().sorted().toList(), "every file is listed, nothing else is there");
        }
        assertEquals(Digests.sha256(dir.resolve("manifest.json")), Files.readString(dir.resolve("COMMIT")));
    }

    @Test
    void arraysAreNumpyFilesWithAnAlignedHeader() throws Exception {
        store(1).save(States.small(3));
        byte[] npy = Files.readAllBytes(tmp.resolve("ckpt/step-000000003/arrays/0001.npy"));
        String header = new String(npy, 10, 118, StandardCharsets.US_ASCII);
        assertEquals("\u0093NUMPY", new String(npy, 0, 6, StandardCharsets.ISO_8859_1));
        assertEquals(118, (npy[8] & 0xff) | (npy[9] & 0xff) << 8, "header padded so data starts at byte 128");
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), header);
        assertEquals(128 + 6 * 4, npy.length);
        assertEquals(3f, java.nio.ByteBuffer.wrap(npy, 128, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat());
    }

    @Test
    void keepsTheNewestNAndNothingElse() throws Exception {
        CheckpointStore store = store(2);
        for (long step = 10; step <= 50; step += 10) {
            store.save(States.small(step));
        }
        assertEquals(List.of(40L, 50L), store.steps());
        try (Stream<Path> names = Files.list(tmp.resolve("ckpt"))) {
            assertEquals(List.of("step-000000040", "step-000000050"),
                    names.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aFlippedByteInAnArrayFileIsDetectedAndThePreviousCheckpointIsUsed() throws Exception {
        CheckpointStore store = store(3);
        store.save(States.small(10));
        store.save(States.small(20));
        Path array = tmp.resolve("ckpt/step-000000020/arrays/0001.npy");
        byte[] bytes = Files.readAllBytes(array);
        bytes[bytes.length - 3] ^= 0x01;
        Files.write(array, bytes);

        States.assertIdentical(States.small(10), store.latest().orElseThrow());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("step-000000020/arrays/0001.npy"), warnings.get(0));
        CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, () -> store.load(20));
        assertTrue(e.getMessage().contains("does not match its manifest entry"), e.getMessage());
    }

    @Test
    void incompleteOrDamagedCheckpointsAreSkippedWithAWarningNamingEach() throws Exception {
        CheckpointStore store = store(10);
        for (long step = 1; step <= 5; step++) {
            store.save(States.small(step));
        }
        Path ckpt = tmp.resolve("ckpt");
        Files.delete(ckpt.resolve("step-000000005/COMMIT"));
        Files.writeString(ckpt.resolve("step-000000004/manifest.json"), " ", java.nio.file.StandardOpenOption.APPEND);
        Path array = ckpt.resolve("step-000000003/arrays/0000.npy");
        Files.write(array, java.util.Arrays.copyOf(Files.readAllBytes(array), 100));
        Files.delete(ckpt.resolve("step-000000002/recipe.yaml"));

        States.assertIdentical(States.small(1), store.latest().orElseThrow());
        assertEquals(4, warnings.size(), String.join("\n", warnings));
        assertTrue(warnings.get(0).contains("step-000000005 is incomplete: no COMMIT"), warnings.get(0));
        assertTrue(warnings.get(1).contains("step-000000004: manifest.json does not match the SHA-256 in COMMIT"),
                warnings.get(1));
        assertTrue(warnings.get(2).contains("step-000000003/arrays/0000.npy"), warnings.get(2));
        assertTrue(warnings.get(3).contains("step-000000002/recipe.yaml is missing"), warnings.get(3));
    }

    @Test
    void temporaryDirectoriesAreNeverLoadedAndTheNextSaveRemovesThem() throws Exception {
        CheckpointStore store = store(3);
        store.save(States.small(1));
        Path ckpt = tmp.resolve("ckpt");
        Path temp = Files.createDirectories(ckpt.resolve("step-000000002.tmp-0123abcd/arrays"));
        Files.copy(ckpt.resolve("step-000000001/arrays/0000.npy"), temp.resolve("0000.npy"));
        Path retiring = Files.createDirectories(ckpt.resolve("step-000000000"));

        assertEquals(1, store.latest().orElseThrow().step());
        assertEquals(List.of(0L, 1L), store.steps());
        warnings.clear();
        store.save(States.small(3));
        assertFalse(Files.exists(temp.getParent()), "temporary directory removed");
        assertFalse(Files.exists(retiring), "checkpoint without COMMIT removed");
        assertEquals(2, warnings.size(), warnings.toString());
        assertEquals(List.of(1L, 3L), store.steps());
    }

    @Test
    void aCompleteCheckpointIsNeverOverwrittenButADamagedOneIsReplaced() throws Exception {
        CheckpointStore store = store(3);
        store.save(States.small(5));
        IOException e = assertThrows(IOException.class, () -> store.save(States.small(5)));
        assertTrue(e.getMessage().contains("step-000000005 already exists and is complete"), e.getMessage());

        Path array = tmp.resolve("ckpt/step-000000005/arrays/0001.npy");
        byte[] bytes = Files.readAllBytes(array);
        bytes[140] ^= 0x40;
        Files.write(array, bytes);
        store.save(States.small(5));
        States.assertIdentical(States.small(5), store.load(5));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("replacing an incomplete or damaged checkpoint: "), warnings.get(0));
    }

    @Test
    void anotherFormatVersionIsRefusedNotSkipped() throws Exception {
        CheckpointStore store = store(3);
        store.save(States.small(1));
        store.save(States.small(2));
        rewriteVersion(tmp.resolve("ckpt/step-000000002"), 2);
        CheckpointFormatException newer = assertThrows(CheckpointFormatException.class, store::latest);
        assertTrue(newer.getMessage().endsWith("step-000000002 has format version 2; this prune4j reads format version"
                + " 1 (it was written by a newer prune4j: use that version or newer to read it)"), newer.getMessage());
        rewriteVersion(tmp.resolve("ckpt/step-000000002"), 0);
        CheckpointFormatException older = assertThrows(CheckpointFormatException.class, store::latest);
        assertTrue(older.getMessage().contains("an older layout no longer read"), older.getMessage());
        assertEquals(List.of(), warnings, "refused, not skipped");
    }

    @Test
    void anEmptyOrMissingStoreHasNoLatest() throws Exception {
        assertTrue(store(1).latest().isEmpty());
        assertEquals(List.of(), store(1).steps());
    }

    @Test
    void locationsNameStoresAndCheckpoints() throws Exception {
        CheckpointStore store = store(1);
        String one = store.locationOf(12);
        assertEquals(12, CheckpointStore.stepOf(one).orElseThrow());
        assertEquals(store.location(), CheckpointStore.storeOf(one));
        assertTrue(CheckpointStore.stepOf(store.location()).isEmpty());
        assertTrue(CheckpointStore.stepOf("hdfs://nn:8020/c/step-000000012.tmp-ab").isEmpty());
        assertEquals(12, CheckpointStore.stepOf("hdfs://nn:8020/c/step-000000012/").orElseThrow());
    }

    @Test
    void stateAndStoreArgumentsAreChecked() {
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> one = Map.of("w", Nd4j.ones(DataType.FLOAT, 2));
        assertEquals("step must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
                () -> new TrainingState(-1, one, Map.of(), "r", States.PROVENANCE)).getMessage());
        assertEquals("arrays names must not be blank, got ' '", assertThrows(IllegalArgumentException.class,
                () -> new TrainingState(0, Map.of(" ", Nd4j.ones(1)), Map.of(), "r", States.PROVENANCE)).getMessage());
        assertEquals("recipeYaml must not be blank, got ", assertThrows(IllegalArgumentException.class,
                () -> new TrainingState(0, one, Map.of(), "", States.PROVENANCE)).getMessage());
        assertEquals("keep must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> store(0)).getMessage());
        IllegalArgumentException bf16 = assertThrows(IllegalArgumentException.class, () -> store(1).save(
                new TrainingState(0, Map.of("b", Nd4j.ones(DataType.BFLOAT16, 2)), Map.of(), "r", States.PROVENANCE)));
        assertTrue(bf16.getMessage().endsWith("(it needs a NumPy equivalent), got BFLOAT16"), bf16.getMessage());
    }

    /** Sets format_version and re-signs COMMIT, as a writer of that version would have. */
    private static void rewriteVersion(Path dir, int version) throws IOException {
        String manifest = Files.readString(dir.resolve("manifest.json"))
                .replaceFirst("\"format_version\" : \\d+", "\"format_version\" : " + version);
        Files.writeString(dir.resolve("manifest.json"), manifest);
        Files.writeString(dir.resolve("COMMIT"), Digests.sha256(manifest.getBytes(StandardCharsets.UTF_8)));
    }
}
