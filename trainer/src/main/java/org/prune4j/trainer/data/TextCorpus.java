package org.prune4j.trainer.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A text corpus as bytes, split into a training and a validation part. Language models here are
 * byte-level (a vocabulary of 256), so no tokenizer or decoding is involved and any file will do.
 *
 * <p>The split is positional, not random: validation is the tail of the file. That keeps it
 * deterministic without a seed, and keeps validation text out of training contexts (a random split of
 * windows would let them overlap). The arrays are kept as given, not copied; treat them as read-only.
 *
 * @param train      the first part, non-empty
 * @param validation the last part, non-empty
 */
public record TextCorpus(byte[] train, byte[] validation) {

    /** The file name of an installed text data set. */
    static final String CORPUS_FILE = "corpus.txt";

    public TextCorpus {
        if (train == null || validation == null) {
            throw new IllegalArgumentException("train and validation must not be null");
        }
        if (train.length == 0 || validation.length == 0) {
            throw new IllegalArgumentException("train and validation must be non-empty, got " + train.length
                    + " and " + validation.length + " bytes");
        }
    }

    /**
     * Reads {@code file} and splits it: the last {@code round(n * validationFraction)} of its {@code n}
     * bytes are validation, the rest training.
     *
     * @throws IllegalArgumentException if {@code validationFraction} is not strictly between 0 and 1
     * @throws DataException            if the file cannot be read, or is too short for both parts to be non-empty
     */
    public static TextCorpus load(Path file, double validationFraction) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be strictly between 0 and 1, got "
                    + validationFraction);
        }
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e, e);
        }
        long validation = Math.round(all.length * validationFraction);
        if (validation == 0 || validation == all.length) {
            throw new DataException(file + " has " + all.length + " bytes: a validation fraction of "
                    + validationFraction + " leaves " + (all.length - validation) + " for training and " + validation
                    + " for validation; both must be non-empty");
        }
        int cut = all.length - (int) validation;
        return new TextCorpus(Arrays.copyOfRange(all, 0, cut), Arrays.copyOfRange(all, cut, all.length));
    }

    /**
     * The corpus file in a folder: {@code corpus.txt} (what {@link DataStore} installs), else the one
     * {@code *.txt} file of a user's own folder. A path to a regular file is returned as is.
     *
     * @throws DataException if the folder does not exist, or has no {@code *.txt} file or several (listing them)
     */
    public static Path corpusFile(Path dir) {
        if (Files.isRegularFile(dir)) {
            return dir;
        }
        Path canonical = dir.resolve(CORPUS_FILE);
        if (Files.isRegularFile(canonical)) {
            return canonical;
        }
        if (!Files.isDirectory(dir)) {
            throw new DataException("no text corpus at " + dir + ": it is neither a file nor a folder");
        }
        List<Path> txt = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.txt")) {
            ds.forEach(p -> {
                if (Files.isRegularFile(p)) {
                    txt.add(p);
                }
            });
        } catch (IOException e) {
            throw new DataException("cannot list " + dir + ": " + e, e);
        }
        txt.sort(Comparator.comparing(p -> p.getFileName().toString()));
        if (txt.size() == 1) {
            return txt.get(0);
        }
        if (txt.isEmpty()) {
            throw new DataException("no text corpus in " + dir + ": expected " + CORPUS_FILE
                    + " or exactly one *.txt file, found none");
        }
        throw new DataException("ambiguous text corpus in " + dir + ": expected " + CORPUS_FILE
                + " or exactly one *.txt file, found " + txt.size() + ": "
                + txt.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))
                + " (keep one, or concatenate them into " + CORPUS_FILE + ")");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextCorpus c && Arrays.equals(train, c.train) && Arrays.equals(validation, c.validation);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(train) + Arrays.hashCode(validation);
    }

    @Override
    public String toString() {
        return "TextCorpus[train=" + train.length + " bytes, validation=" + validation.length + " bytes]";
    }
}
