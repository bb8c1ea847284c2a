package org.prune4j.trainer.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The data sets prune4j can fetch by itself. Each has a stable id (used on the command line and as
 * the name of its folder in the cache) and pinned SHA-256 sums, so a run names its data exactly.
 */
public enum Dataset {
    /** LeCun's MNIST digits, the four original IDX files. */
    MNIST("mnist"),
    /** Zalando's Fashion-MNIST, the four original IDX files (stored uncompressed). */
    FASHION_MNIST("fashion-mnist"),
    /** Melville's Moby Dick, one {@code corpus.txt} (1.2 MB). */
    MOBY_DICK("moby-dick"),
    /** US State of the Union addresses 1790-2021, one {@code corpus.txt} (10.8 MB). */
    SOTU("sotu"),
    /** The King James Bible, one verse a line, one {@code corpus.txt} (4.4 MB). */
    KJV("kjv");

    private final String id;

    Dataset(String id) {
        this.id = id;
    }

    /** The id used on the command line and as the cache folder name, e.g. {@code fashion-mnist}. */
    public String id() {
        return id;
    }

    /** Whether this is a text corpus (read by {@link TextCorpus}) rather than images (read by {@link ImageData}). */
    public boolean isText() {
        return this == MOBY_DICK || this == SOTU || this == KJV;
    }

    /**
     * The data set with this id (case-insensitive, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming the id and listing the known ones
     */
    public static Dataset byId(String id) {
        if (id != null) {
            String wanted = id.strip().toLowerCase(Locale.ROOT);
            for (Dataset d : values()) {
                if (d.id.equals(wanted)) {
                    return d;
                }
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + id + "' (known: "
                + Arrays.stream(values()).map(Dataset::id).collect(Collectors.joining(", ")) + ")");
    }
}
