package org.prune4j.checkpoints;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads one checkpoint and proves it whole before handing it out: COMMIT must hold the SHA-256 of
 * manifest.json, the manifest must be of a known format version and name this step, and every file
 * must have exactly the size and SHA-256 the manifest records. Files are hashed while they are parsed,
 * so each byte is read once.
 *
 * <p>Damage is reported as {@link CorruptCheckpointException}; a failure to reach the file system at
 * all (a network error) stays a plain {@link IOException}, so callers never mistake an outage for
 * corruption and fall back to an older checkpoint.
 */
final class CheckpointReader {

    /** Far above any manifest; guards against reading a huge file that is not one. */
    private static final int MAX_MANIFEST_BYTES = 64 << 20;
    private static final int COMMIT_BYTES = 64;

    /** Parses one file's bytes from a stream. */
    private interface Parser<T> {
        T parse(InputStream in, long size) throws IOException;
    }

    private CheckpointReader() {
    }

    static TrainingState read(FileSystem fs, Path dir, long step) throws IOException {
        String where = dir.toString();
        String commit = new String(readSmall(fs, new Path(dir, Layout.COMMIT), COMMIT_BYTES, where),
                StandardCharsets.US_ASCII).strip();
        byte[] json = readSmall(fs, new Path(dir, Layout.MANIFEST), MAX_MANIFEST_BYTES, where);
        if (!Digests.sha256(json).equals(commit)) {
            throw new CorruptCheckpointException(where + ": manifest.json does not match the SHA-256 in COMMIT");
        }
        Manifest manifest = Manifest.parse(json, where);
        if (manifest.step() != step) {
            throw new CorruptCheckpointException(where + ": manifest.json says step " + manifest.step());
        }
        Map<String, Manifest.FileEntry> files = new HashMap<>();
        manifest.files().forEach(f -> files.put(f.path(), f));
        String recipe = readFile(fs, dir, entry(files, Layout.RECIPE, where),
                (in, size) -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
        if (!Digests.sha256(recipe.getBytes(StandardCharsets.UTF_8)).equals(manifest.recipeSha256())) {
            throw new CorruptCheckpointException(where + ": recipe_sha256 does not match recipe.yaml");
        }
        Map<String, INDArray> arrays = new TreeMap<>();
        for (Map.Entry<String, String> a : manifest.arrays().entrySet()) {
            arrays.put(a.getKey(), readFile(fs, dir, entry(files, a.getValue(), where), Npy::read));
        }
        return new TrainingState(step, arrays, manifest.scalars(), recipe, manifest.provenance());
    }

    private static Manifest.FileEntry entry(Map<String, Manifest.FileEntry> files, String path, String where)
            throws CorruptCheckpointException {
        Manifest.FileEntry e = files.get(path);
        if (e == null) {
            throw new CorruptCheckpointException(where + ": manifest.json lists no size and SHA-256 for " + path);
        }
        return e;
    }

    /** Parses a file while hashing it, then checks its size and SHA-256 against the manifest. */
    private static <T> T readFile(FileSystem fs, Path dir, Manifest.FileEntry entry, Parser<T> parser)
            throws IOException {
        String where = dir + "/" + entry.path();
        MessageDigest digest = Digests.newDigest();
        T value;
        long size;
        try (FSDataInputStream raw = fs.open(new Path(dir, entry.path()))) {
            value = parser.parse(new DigestInputStream(raw, digest), entry.size());
            size = raw.getPos();
        } catch (FileNotFoundException e) {
            throw new CorruptCheckpointException(where + " is missing");
        } catch (CorruptCheckpointException | EOFException | ChecksumException e) {
            throw new CorruptCheckpointException(where + ": " + e.getMessage());
        }
        if (size != entry.size() || !Digests.hex(digest.digest()).equals(entry.sha256())) {
            throw new CorruptCheckpointException(where + " does not match its manifest entry (" + size + " bytes, "
                    + "expected " + entry.size() + "; or a different SHA-256)");
        }
        return value;
    }

    private static byte[] readSmall(FileSystem fs, Path file, int limit, String where) throws IOException {
        try (FSDataInputStream in = fs.open(file)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new CorruptCheckpointException(where + ": " + file.getName() + " is larger than " + limit
                        + " bytes");
            }
            return bytes;
        } catch (FileNotFoundException e) {
            throw new CorruptCheckpointException(where + " is incomplete: no " + file.getName());
        }
    }
}
