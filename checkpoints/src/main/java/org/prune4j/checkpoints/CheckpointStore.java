package org.prune4j.checkpoints;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A directory of checkpoints on any Hadoop file system, chosen by the location's scheme: a plain path
 * or {@code file://} (the local disk), {@code hdfs://namenode:port/...}, or {@code s3a://bucket/...}
 * (with {@code hadoop-aws} on the classpath; documented, not tested here). Hadoop settings come from
 * {@code core-site.xml} and {@code hdfs-site.xml} on the classpath.
 *
 * <p>Layout (format version 1): one directory per checkpoint, {@code step-000001234/}, holding
 * {@code recipe.yaml}, {@code arrays/0000.npy ...} (NumPy files, one per array, numbered in name order),
 * {@code manifest.json} (format version, step, recipe SHA-256, scalars, array names, provenance, and the
 * size and SHA-256 of every file) and {@code COMMIT} (the SHA-256 of manifest.json).
 *
 * <p>A save writes everything under {@code step-000001234.tmp-<random>/}, syncs each file, writes
 * COMMIT last, and renames the directory into place. On HDFS and local disks that rename is atomic, so
 * a crash leaves either a complete checkpoint or a temporary directory that the next save removes. On
 * object stores (s3a) a rename is a copy: a half-copied directory can appear under the final name, and
 * COMMIT plus the checksums are what keep it from ever being loaded. Retiring an old checkpoint deletes
 * its COMMIT first, so a crash in the middle of a delete leaves nothing that passes for complete.
 *
 * <p>Order of use: {@link #open}, then {@link #save} as training reaches each checkpoint step, keeping
 * the newest {@code keep}; to resume, {@link #latest} (or {@link #load} of one step). One process
 * writes to a store at a time.
 */
public final class CheckpointStore {

    private final FileSystem fs;
    private final Path dir;
    private final int keep;
    private final Consumer<String> warnings;

    private CheckpointStore(FileSystem fs, Path dir, int keep, Consumer<String> warnings) {
        this.fs = fs;
        this.dir = dir;
        this.keep = keep;
        this.warnings = warnings;
    }

    /**
     * Opens (without creating) the store at {@code location}.
     *
     * @param keep     how many of the newest complete checkpoints a save leaves in place (at least 1)
     * @param warnings receives one line for every checkpoint skipped or removed, naming it
     */
    public static CheckpointStore open(String location, int keep, Consumer<String> warnings) throws IOException {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, got " + keep);
        }
        Path path = new Path(location);
        FileSystem fs = path.getFileSystem(new Configuration());
        if (fs instanceof LocalFileSystem local) {
            fs = local.getRawFileSystem(); // the manifest's SHA-256s do the job of its .crc side files
        }
        return new CheckpointStore(fs, fs.makeQualified(path), keep, warnings);
    }

    /** The step of a location that names one checkpoint ({@code .../step-000001234}); empty for anything else. */
    public static OptionalLong stepOf(String location) {
        return Layout.stepOf(new Path(location).getName());
    }

    /** The store that holds the checkpoint at {@code location}. */
    public static String storeOf(String checkpointLocation) {
        return new Path(checkpointLocation).getParent().toString();
    }

    /** The fully qualified URI of the store. */
    public String location() {
        return dir.toString();
    }

    /** The fully qualified URI of the checkpoint of {@code step} (whether or not it exists). */
    public String locationOf(long step) {
        return checkpoint(step).toString();
    }

    /**
     * Writes {@code state} as the checkpoint of its step, commits it, and retires the oldest beyond
     * {@code keep}. Leftovers of an interrupted save are removed first, and an incomplete or damaged
     * checkpoint of the same step is replaced; a complete one never is.
     *
     * @return the committed checkpoint's URI
     */
    public String save(TrainingState state) throws IOException {
        Path target = checkpoint(state.step());
        removeLeftovers();
        if (fs.exists(target)) {
            try {
                CheckpointReader.read(fs, target, state.step());
                throw new IOException("checkpoint " + target + " already exists and is complete; a store never "
                        + "overwrites one (delete it to write step " + state.step() + " again)");
            } catch (CorruptCheckpointException e) {
                warn("replacing an incomplete or damaged checkpoint: " + e.getMessage());
                retire(target);
            }
        }
        Path temp = new Path(dir, Layout.temporaryDirectory(state.step(),
                Long.toHexString(ThreadLocalRandom.current().nextLong())));
        try {
            CheckpointWriter.write(fs, temp, state);
        } catch (IOException | RuntimeException e) {
            fs.delete(temp, true);
            throw e;
        }
        if (!fs.rename(temp, target)) {
            throw new IOException("cannot rename " + temp + " to " + target);
        }
        retireBeyondKeep();
        return target.toString();
    }

    /**
     * The newest checkpoint that is complete and whose every checksum verifies. Incomplete or damaged
     * ones are skipped with a warning naming them; none at all (or no store yet) gives empty.
     *
     * @throws CheckpointFormatException when the newest intact one has a format version this code does not read
     */
    public Optional<TrainingState> latest() throws IOException {
        List<Long> steps = steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            try {
                return Optional.of(load(steps.get(i)));
            } catch (CorruptCheckpointException e) {
                warn("skipping an incomplete or damaged checkpoint: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * The checkpoint of {@code step}, verified.
     *
     * @throws CorruptCheckpointException when it is missing, incomplete or damaged
     * @throws CheckpointFormatException  when its format version is not one this code reads
     */
    public TrainingState load(long step) throws IOException {
        return CheckpointReader.read(fs, checkpoint(step), step);
    }

    /** The steps of every checkpoint directory in the store (complete or not), oldest first. */
    public List<Long> steps() throws IOException {
        List<Long> steps = new ArrayList<>();
        for (FileStatus s : list()) {
            OptionalLong step = Layout.stepOf(s.getPath().getName());
            if (s.isDirectory() && step.isPresent()) {
                steps.add(step.getAsLong());
            }
        }
        steps.sort(null);
        return steps;
    }

    private Path checkpoint(long step) {
        return new Path(dir, Layout.stepDirectory(step));
    }

    private FileStatus[] list() throws IOException {
        try {
            return fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            return new FileStatus[0];
        }
    }

    private boolean isCommitted(Path checkpoint) throws IOException {
        return fs.exists(new Path(checkpoint, Layout.COMMIT));
    }

    /** Temporary directories of interrupted saves, and checkpoint directories whose retirement was interrupted. */
    private void removeLeftovers() throws IOException {
        for (FileStatus s : list()) {
            String name = s.getPath().getName();
            boolean uncommitted = Layout.stepOf(name).isPresent() && !isCommitted(s.getPath());
            if (s.isDirectory() && (Layout.isTemporary(name) || uncommitted)) {
                warn("removing " + s.getPath() + ", left by an interrupted checkpoint write or delete");
                fs.delete(s.getPath(), true);
            }
        }
    }

    private void retireBeyondKeep() throws IOException {
        List<Path> committed = new ArrayList<>();
        for (long step : steps()) {
            if (isCommitted(checkpoint(step))) {
                committed.add(checkpoint(step));
            }
        }
        for (int i = 0; i < committed.size() - keep; i++) {
            retire(committed.get(i));
        }
    }

    /**
     * Deletes COMMIT first: from then on the directory no longer passes for a checkpoint, however far the
     * delete gets.
     */
    private void retire(Path checkpoint) throws IOException {
        fs.delete(new Path(checkpoint, Layout.COMMIT), false);
        fs.delete(checkpoint, true);
    }

    private void warn(String message) {
        warnings.accept(message);
    }
}
