package org.prune4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextCorpusTest {

    @TempDir
    Path dir;

    private Path file(String name, int n) throws IOException {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return Files.write(dir.resolve(name), b);
    }

    @Test
    void validationIsTheTailAndTheSplitIsDeterministic() throws IOException {
        Path f = file("a.txt", 100);
        TextCorpus c = TextCorpus.load(f, 0.1);
        assertEquals(90, c.train().length);
        assertEquals(10, c.validation().length);
        assertEquals(0, c.train()[0]);
        assertEquals(89, c.train()[89]);
        assertEquals(90, c.validation()[0]);
        assertEquals(99, c.validation()[9]);
        assertEquals(c, TextCorpus.load(f, 0.1));
        byte[] joined = Arrays.copyOf(c.train(), 100);
        System.arraycopy(c.validation(), 0, joined, 90, 10);
        assertArrayEquals(Files.readAllBytes(f), joined);
    }

    @Test
    void validationSizeIsRoundedNotTruncated() throws IOException {
        // 7 * 0.5 = 3.5 rounds to 4; 1000 * 0.0015 = 1.5 rounds to 2
        assertEquals(4, TextCorpus.load(file("a.txt", 7), 0.5).validation().length);
        assertEquals(2, TextCorpus.load(file("b.txt", 1000), 0.0015).validation().length);
    }

    @Test
    void fractionMustBeStrictlyBetweenZeroAndOne() throws IOException {
        Path f = file("a.txt", 100);
        for (double bad : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextCorpus.load(f, bad));
            assertEquals("validationFraction must be strictly between 0 and 1, got " + bad, e.getMessage());
        }
    }

    @Test
    void bothPartsMustBeNonEmpty() throws IOException {
        Path three = file("three.txt", 3);
        DataException noVal = assertThrows(DataException.class, () -> TextCorpus.load(three, 0.1));
        assertEquals(three + " has 3 bytes: a validation fraction of 0.1 leaves 3 for training and 0 for validation;"
                + " both must be non-empty", noVal.getMessage());
        Path one = file("one.txt", 1);
        DataException noTrain = assertThrows(DataException.class, () -> TextCorpus.load(one, 0.5));
        assertTrue(noTrain.getMessage().contains("leaves 0 for training and 1 for validation"), noTrain.getMessage());
        Path empty = file("empty.txt", 0);
        assertThrows(DataException.class, () -> TextCorpus.load(empty, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new TextCorpus(new byte[1], new byte[0]));
        assertEquals(file("two.txt", 2).getFileName().toString(), "two.txt");
        assertEquals(1, TextCorpus.load(dir.resolve("two.txt"), 0.5).train().length);
    }

    @Test
    void missingFileIsNamed() {
        Path nope = dir.resolve("nope.txt");
        DataException e = assertThrows(DataException.class, () -> TextCorpus.load(nope, 0.1));
        assertEquals(nope + ": no such file", e.getMessage());
    }

    @Test
    void corpusFilePrefersCorpusTxtThenTheOnlyTxtFile() throws IOException {
        Path only = file("moby.txt", 10);
        file("notes.md", 3);
        assertEquals(only, TextCorpus.corpusFile(dir));
        Path corpus = file("corpus.txt", 10);
        assertEquals(corpus, TextCorpus.corpusFile(dir), "corpus.txt wins even next to another .txt");
        assertEquals(only, TextCorpus.corpusFile(only), "a file is returned as is");
    }

    @Test
    void corpusFileListsCandidatesWhenAmbiguousOrNone() throws IOException {
        DataException none = assertThrows(DataException.class, () -> TextCorpus.corpusFile(dir));
        assertTrue(none.getMessage().contains("found none") && none.getMessage().contains(dir.toString()),
                none.getMessage());
        file("b.txt", 1);
        file("a.txt", 1);
        DataException two = assertThrows(DataException.class, () -> TextCorpus.corpusFile(dir));
        assertTrue(two.getMessage().contains("found 2: a.txt, b.txt"), two.getMessage());
        DataException missing = assertThrows(DataException.class, () -> TextCorpus.corpusFile(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
    }
}
