package org.prune4j.trainer.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The local cache of fetched data sets: one folder per {@link Dataset}, named by its id, holding
 * exactly the canonical files whose SHA-256 sums are pinned in this package.
 *
 * <p>A fetch works in a hidden staging folder next to the target ({@code .<id>.fetch-*}), verifies
 * every file there, and only then renames the finished folder into place, so the cache never holds a
 * half-written or unverified data set, even if the JVM dies mid-download.
 *
 * <p>Hashing MNIST's 55 MB takes about a quarter of a second in a fresh JVM, too much for every run,
 * so a fetch writes a {@value #MARKER} file with each file's sum, size and modification time, and
 * {@link #isPresent} hashes again only the files whose size or modification time no longer match it.
 */
public final class DataStore {

    /** Name of the file that records what was verified, inside each data set's folder. */
    static final String MARKER = ".verified";

    /** A staging folder this old belongs to a fetch that died; newer ones may belong to a running fetch. */
    private static final Duration STALE = Duration.ofDays(1);

    private final Path cacheDir;
    private final Function<Dataset, Source> sources;

    /** A store rooted at {@code cacheDir}, which need not exist yet. */
    public DataStore(Path cacheDir) {
        this(cacheDir, Sources::of);
    }

    /** A store whose sources are given, so tests can fetch without the network. */
    DataStore(Path cacheDir, Function<Dataset, Source> sources) {
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath().normalize();
        this.sources = Objects.requireNonNull(sources, "sources");
    }

    /** {@code $PRUNE4J_DATA_DIR} if set and not blank, else {@code ~/.cache/prune4j/data}. */
    public static Path defaultCacheDir() {
        String env = System.getenv("PRUNE4J_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "prune4j", "data");
    }

    /** The command a user runs to fetch {@code d}, for error messages: {@code ./prune4j data fetch <id>}. */
    public static String fetchCommand(Dataset d) {
        return "./prune4j data fetch " + d.id();
    }

    /** The root of this store. */
    public Path cacheDir() {
        return cacheDir;
    }

    /** The folder of {@code d} in this store: {@code cacheDir/<id>}. It exists only once fetched. */
    public Path directory(Dataset d) {
        return cacheDir.resolve(d.id());
    }

    /**
     * Whether every canonical file of {@code d} is in its folder with the pinned size and SHA-256. Cheap
     * when the {@value #MARKER} file vouches for the files as they are (same size and modification
     * time); otherwise hashes them, and records the result if they verify.
     */
    public boolean isPresent(Dataset d) {
        Path dir = directory(d);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        List<CanonicalFile> files = sources.apply(d).files();
        try {
            Map<String, String> vouched = readMarker(dir);
            List<CanonicalFile> toHash = new ArrayList<>();
            for (CanonicalFile f : files) {
                Path p = dir.resolve(f.name());
                if (!Files.isRegularFile(p)) {
                    return false;
                }
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.size() != f.size()) {
                    return false;
                }
                if (!stamp(f, a).equals(vouched.get(f.name()))) {
                    toHash.add(f);
                }
            }
            if (toHash.isEmpty()) {
                return true;
            }
            for (CanonicalFile f : toHash) {
                if (!Checksums.sha256(dir.resolve(f.name())).equals(f.sha256())) {
                    return false;
                }
            }
            try {
                writeMarker(dir, files);
            } catch (IOException e) {
                // a read-only cache still verifies, only not cheaply next time
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The folder of {@code d} if it {@link #isPresent}.
     *
     * @throws DataException saying where it was looked for and the command that fetches it
     */
    public Path require(Dataset d) {
        if (!isPresent(d)) {
            throw new DataException("dataset " + d.id() + " is not in " + directory(d)
                    + " (missing, or its files do not match their pinned SHA-256); fetch it with: " + fetchCommand(d));
        }
        return directory(d);
    }

    /**
     * Makes {@code d} present: does nothing if it {@link #isPresent}, else downloads it from its pinned
     * source into a staging folder next to its target, verifies the SHA-256 of every canonical file, and
     * renames the folder into place (replacing a damaged copy).
     *
     * @param log receives one line per stage, each prefixed with the data set's id
     * @return {@link #directory(Dataset)}
     * @throws DataException if a tool is missing or fails (naming the command, its exit code and its last
     *                       output lines) or a file does not match its pinned sum (naming the file, the
     *                       expected and the actual sum); nothing is left in the cache then
     */
    public Path fetch(Dataset d, Consumer<String> log) {
        Objects.requireNonNull(d, "dataset");
        Objects.requireNonNull(log, "log");
        Path target = directory(d);
        String id = d.id();
        if (isPresent(d)) {
            log.accept(id + ": already present in " + target);
            return target;
        }
        Source source = sources.apply(d);
        long t0 = System.nanoTime();
        Path staging = null;
        try {
            Files.createDirectories(cacheDir);
            removeStaleStaging(d);
            staging = Files.createTempDirectory(cacheDir, "." + id + ".fetch-");
            Path work = Files.createDirectory(staging.resolve("work"));
            Path out = Files.createDirectory(staging.resolve("out"));
            log.accept(id + ": fetching from " + source.origin() + " (staging in " + staging + ")");
            source.produce(work, out, line -> log.accept(id + ": " + line));
            log.accept(id + ": verifying SHA-256 of "
                    + source.files().stream().map(CanonicalFile::name).collect(Collectors.joining(", ")));
            Checksums.verify(id, source.files(), out);
            writeMarker(out, source.files());
            install(d, out, target, staging);
            long bytes = source.files().stream().mapToLong(CanonicalFile::size).sum();
            log.accept(String.format("%s: installed %s (%.1f MB) in %.1f s", id, target, bytes / 1e6,
                    (System.nanoTime() - t0) / 1e9));
            return target;
        } catch (IOException e) {
            throw new DataException(id + ": fetch failed: " + e, e);
        } finally {
            if (staging != null) {
                deleteRecursively(staging);
            }
        }
    }

    /** Renames the verified {@code out} to {@code target}, first moving aside whatever is there. */
    private void install(Dataset d, Path out, Path target, Path staging) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.move(target, staging.resolve("replaced"), StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                // removed meanwhile
            }
        }
        try {
            Files.move(out, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!isPresent(d)) {
                throw new DataException(d.id() + ": could not move the verified files from " + out + " to " + target
                        + ": " + e, e);
            }
            // a concurrent fetch installed it first; its copy is as good as ours
        }
    }

    // ---- the marker ----

    /** What the marker records for a file: its pinned sum, and its size and mtime when the sum was checked. */
    private static String stamp(CanonicalFile f, BasicFileAttributes a) {
        return f.sha256() + " " + a.size() + " " + a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }

    private static void writeMarker(Path dir, List<CanonicalFile> files) throws IOException {
        StringBuilder sb = new StringBuilder(
                "# SHA-256, size, mtime (ns) and name of each file when prune4j last verified it\n");
        for (CanonicalFile f : files) {
            BasicFileAttributes a = Files.readAttributes(dir.resolve(f.name()), BasicFileAttributes.class);
            sb.append(stamp(f, a)).append(' ').append(f.name()).append('\n');
        }
        Path tmp = dir.resolve(MARKER + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(MARKER), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** File name to stamp; empty if there is no marker or it cannot be read. */
    private static Map<String, String> readMarker(Path dir) {
        Map<String, String> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(dir.resolve(MARKER), StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ", 4);
                if (!line.startsWith("#") && parts.length == 4) {
                    m.put(parts[3], parts[0] + " " + parts[1] + " " + parts[2]);
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return m;
    }

    // ---- cleaning up ----

    private void removeStaleStaging(Dataset d) throws IOException {
        FileTime cutoff = FileTime.fromMillis(System.currentTimeMillis() - STALE.toMillis());
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(cacheDir, "." + d.id() + ".fetch-*")) {
            for (Path p : ds) {
                if (Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).compareTo(cutoff) < 0) {
                    deleteRecursively(p);
                }
            }
        }
    }

    /** Best effort; never follows links; makes folders writable first (some archives unpack read-only ones). */
    static void deleteRecursively(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    dir.toFile().setWritable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    quietlyDelete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                    quietlyDelete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // what is left is removed by a later fetch's removeStaleStaging
        }
    }

    private static void quietlyDelete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // see deleteRecursively
        }
    }
}
