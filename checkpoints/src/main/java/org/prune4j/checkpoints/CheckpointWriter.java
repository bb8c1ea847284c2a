package org.prune4j.checkpoints;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes the files of one checkpoint into a fresh directory: the recipe and the arrays, then {@code
 * manifest.json}, then {@code COMMIT}. Every file is synced to stable storage ({@code hsync}) before
 * the next, so a COMMIT on disk means everything it vouches for is on disk too. An array's SHA-256 is
 * computed on another thread while its bytes are written, so hashing adds little to the write time.
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
        files.add(new Manifest.FileEntry(Layout.RECIPE, writeFile(fs, dir, Layout.RECIPE, out -> out.write(recipe)),
                Digests.sha256(recipe)));
        SortedMap<String, String> arrays = new TreeMap<>();
        int index = 0;
        for (Map.Entry<String, INDArray> e : state.arrays().entrySet()) {
            String path = Layout.arrayFile(index++);
            Npy.Encoded npy = Npy.encode(e.getValue());
            CompletableFuture<String> sha256 = CompletableFuture.supplyAsync(npy::sha256);
            long size = writeFile(fs, dir, path, npy::writeTo);
            files.add(new Manifest.FileEntry(path, size, join(sha256)));
            arrays.put(e.getKey(), path);
        }
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, state.step(), state.recipeSha256(),
                new TreeMap<>(state.scalars()), arrays, files, state.provenance());
        byte[] json = manifest.toJson();
        writeFile(fs, dir, Layout.MANIFEST, out -> out.write(json));
        byte[] commit = Digests.sha256(json).getBytes(StandardCharsets.US_ASCII);
        writeFile(fs, dir, Layout.COMMIT, out -> out.write(commit));
    }

    /** Creates, writes and syncs one file; returns its size. */
    private static long writeFile(FileSystem fs, Path dir, String path, Content content) throws IOException {
        try (FSDataOutputStream out = fs.create(new Path(dir, path), false)) {
            content.writeTo(out);
            out.hsync();
            return out.getPos();
        }
    }

    private static String join(CompletableFuture<String> sha256) throws IOException {
        try {
            return sha256.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing a checkpoint file");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
