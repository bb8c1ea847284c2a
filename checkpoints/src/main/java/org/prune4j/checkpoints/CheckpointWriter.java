package org.prune4j.checkpoints;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes the files of one checkpoint into a fresh directory: the recipe and the arrays, hashed as they
 * stream out, then {@code manifest.json}, then {@code COMMIT}. Every file is synced to stable storage
 * ({@code hsync}) before the next, so a COMMIT on disk means everything it vouches for is on disk too.
 */
final class CheckpointWriter {

    /** Writes one file's bytes to a stream. */
    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private CheckpointWriter() {
    }

    static void write(FileSystem fs, Path dir, TrainingState state) throws IOException {
        List<Manifest.FileEntry> files = new ArrayList<>();
        byte[] recipe = state.recipeYaml().getBytes(StandardCharsets.UTF_8);
        files.add(writeFile(fs, dir, Layout.RECIPE, out -> out.write(recipe)));
        SortedMap<String, String> arrays = new TreeMap<>();
        int index = 0;
        for (Map.Entry<String, org.nd4j.linalg.api.ndarray.INDArray> e : state.arrays().entrySet()) {
            String path = Layout.arrayFile(index++);
            files.add(writeFile(fs, dir, path, out -> Npy.write(e.getValue(), out)));
            arrays.put(e.getKey(), path);
        }
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, state.step(), state.recipeSha256(),
                new TreeMap<>(state.scalars()), arrays, files, state.provenance());
        byte[] json = manifest.toJson();
        writeFile(fs, dir, Layout.MANIFEST, out -> out.write(json));
        byte[] commit = Digests.sha256(json).getBytes(StandardCharsets.US_ASCII);
        writeFile(fs, dir, Layout.COMMIT, out -> out.write(commit));
    }

    private static Manifest.FileEntry writeFile(FileSystem fs, Path dir, String path, Content content)
            throws IOException {
        MessageDigest digest = Digests.newDigest();
        long size;
        try (FSDataOutputStream raw = fs.create(new Path(dir, path), false)) {
            DigestOutputStream out = new DigestOutputStream(raw, digest);
            content.writeTo(out);
            out.flush();
            size = raw.getPos();
            raw.hsync();
        }
        return new Manifest.FileEntry(path, size, Digests.hex(digest.digest()));
    }
}
