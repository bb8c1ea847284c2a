package org.prune4j.checkpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestsTest {

    /** FIPS 180-2 test vector for "abc". */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void matchesTheStandardVectorForBytesAndFiles(@TempDir Path dir) throws Exception {
        assertEquals(ABC, Digests.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
        Path f = Files.writeString(dir.resolve("abc.txt"), "abc");
        assertEquals(ABC, Digests.sha256(f));
    }
}
