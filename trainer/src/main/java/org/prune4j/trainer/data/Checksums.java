package org.prune4j.trainer.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 of files, and the check of a folder against a list of {@link CanonicalFile}s. */
final class Checksums {

    private Checksums() {
    }

    /** Lower-case hex SHA-256 of a file's bytes. */
    static String sha256(Path file) throws IOException {
        MessageDigest md = newDigest();
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Lower-case hex SHA-256 of bytes in memory. */
    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    /**
     * Checks that every file of {@code files} is in {@code dir} with its size and SHA-256.
     *
     * @param what names the data set in the message
     * @throws DataException on the first file that is missing or differs, naming it with the expected
     *                       and actual size or sum
     */
    static void verify(String what, List<CanonicalFile> files, Path dir) throws IOException {
        for (CanonicalFile f : files) {
            Path p = dir.resolve(f.name());
            if (!Files.isRegularFile(p)) {
                throw new DataException(what + ": " + f.name() + " was not produced (looked for " + p + ")");
            }
            long size = Files.size(p);
            String actual = sha256(p);
            if (!actual.equals(f.sha256()) || size != f.size()) {
                throw new DataException(what + ": SHA-256 mismatch for " + f.name() + ": expected " + f.sha256()
                        + " (" + f.size() + " bytes), got " + actual + " (" + size + " bytes). The source no longer"
                        + " serves the pinned bytes; nothing was installed.");
            }
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
