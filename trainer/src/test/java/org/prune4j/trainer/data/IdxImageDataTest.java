package org.prune4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxImageDataTest {

    private static final int COUNT = 3;
    private static final int ROWS = 4;
    private static final int COLS = 5;

    @TempDir
    Path dir;

    /** Pixel {@code i} is {@code i * 7 mod 256}, so every position is distinct within 256 bytes. */
    private static byte[] pixels(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7);
        }
        return b;
    }

    private static final byte[] LABELS = {9, 0, (byte) 200};

    static byte[] images(int magic, int count, int rows, int cols, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length).putInt(magic).putInt(count).putInt(rows).putInt(cols)
                .put(pixels).array();
    }

    static byte[] labels(int magic, int count, byte[] labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(magic).putInt(count).put(labels).array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(raw);
        }
        return bos.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private Path goodImages(String name) throws IOException {
        return write(name, images(2051, COUNT, ROWS, COLS, pixels(COUNT * ROWS * COLS)));
    }

    private Path goodLabels(String name) throws IOException {
        return write(name, labels(2049, COUNT, LABELS));
    }

    @Test
    void rawRoundTrip() throws IOException {
        ImageData d = ImageData.readIdx(goodImages("img"), goodLabels("lab"));
        assertEquals(COUNT, d.count());
        assertEquals(ROWS, d.rows());
        assertEquals(COLS, d.cols());
        assertEquals(ROWS * COLS, d.imageSize());
        assertArrayEquals(pixels(COUNT * ROWS * COLS), d.pixels());
        assertArrayEquals(LABELS, d.labels());
        assertEquals(200, d.label(2), "labels are unsigned");
    }

    @Test
    void gzipIsDetectedByMagicBytesNotByName() throws IOException {
        byte[] img = images(2051, COUNT, ROWS, COLS, pixels(COUNT * ROWS * COLS));
        Path gzNoSuffix = write("images-no-suffix", gzip(img));
        Path rawWithGzSuffix = write("labels.gz", labels(2049, COUNT, LABELS));
        ImageData d = ImageData.readIdx(gzNoSuffix, rawWithGzSuffix);
        assertEquals(ImageData.readIdx(goodImages("img"), goodLabels("lab")), d);
        assertArrayEquals(LABELS, d.labels());
    }

    @Test
    void trainAndTestFindRawOrGzippedFilesInAFolder() throws IOException {
        write("train-images-idx3-ubyte", images(2051, COUNT, ROWS, COLS, pixels(COUNT * ROWS * COLS)));
        write("train-labels-idx1-ubyte.gz", gzip(labels(2049, COUNT, LABELS)));
        write("t10k-images-idx3-ubyte.gz", gzip(images(2051, 1, 2, 2, new byte[] {1, 2, 3, 4})));
        write("t10k-labels-idx1-ubyte", labels(2049, 1, new byte[] {7}));
        ImageData train = ImageData.train(dir);
        ImageData test = ImageData.test(dir);
        assertEquals(COUNT, train.count());
        assertArrayEquals(LABELS, train.labels());
        assertEquals(1, test.count());
        assertEquals(2, test.rows());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, test.pixels());
        assertEquals(7, test.label(0));
    }

    @Test
    void rawFileWinsOverGzippedWhenBothExist() throws IOException {
        write("t10k-images-idx3-ubyte", images(2051, 1, 1, 1, new byte[] {1}));
        write("t10k-images-idx3-ubyte.gz", gzip(images(2051, 1, 1, 1, new byte[] {2})));
        write("t10k-labels-idx1-ubyte", labels(2049, 1, new byte[] {0}));
        assertArrayEquals(new byte[] {1}, ImageData.test(dir).pixels());
    }

    @Test
    void missingFilesListTheNamesLookedFor() throws IOException {
        write("train-images-idx3-ubyte", images(2051, COUNT, ROWS, COLS, pixels(COUNT * ROWS * COLS)));
        DataException e = assertThrows(DataException.class, () -> ImageData.train(dir));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte and train-labels-idx1-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        DataException none = assertThrows(DataException.class, () -> ImageData.test(dir.resolve("nope")));
        assertTrue(none.getMessage().contains("is not a folder")
                && none.getMessage().contains("t10k-images-idx3-ubyte.gz"), none.getMessage());
    }

    @Test
    void swappedFilesAreCalledOut() throws IOException {
        Path img = goodImages("img");
        Path lab = goodLabels("lab");
        DataException e = assertThrows(DataException.class, () -> ImageData.readIdx(lab, img));
        assertTrue(e.getMessage().startsWith(lab.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("magic number is 2049") && e.getMessage().contains("expected 2051")
                && e.getMessage().contains("swapped"), e.getMessage());
    }

    @Test
    void wrongMagicNamesFileAndValue() throws IOException {
        Path img = goodImages("img");
        Path lab = write("lab", labels(0x12345678, COUNT, LABELS));
        DataException e = assertThrows(DataException.class, () -> ImageData.readIdx(img, lab));
        assertTrue(e.getMessage().contains(lab.toString()) && e.getMessage().contains("0x12345678")
                && e.getMessage().contains("expected 2049") && e.getMessage().contains("not an IDX labels file"),
                e.getMessage());
    }

    @Test
    void truncatedPixelsNameFileAndByteCounts() throws IOException {
        byte[] good = images(2051, COUNT, ROWS, COLS, pixels(COUNT * ROWS * COLS));
        Path img = write("img", Arrays.copyOf(good, good.length - 1));
        DataException e = assertThrows(DataException.class, () -> ImageData.readIdx(img, goodLabels("lab")));
        assertTrue(e.getMessage().contains(img.toString()) && e.getMessage().contains("truncated")
                && e.getMessage().contains("3 images of 4x5") && e.getMessage().contains("(76 bytes with the header)")
                && e.getMessage().endsWith("has 75"), e.getMessage());
    }

    @Test
    void truncatedHeaderAndTrailingBytesAreRejected() throws IOException {
        Path shortHeader = write("img", Arrays.copyOf(images(2051, COUNT, ROWS, COLS, new byte[0]), 10));
        DataException h = assertThrows(DataException.class, () -> ImageData.readIdx(shortHeader, goodLabels("lab")));
        assertTrue(h.getMessage().contains("truncated IDX header: 10 bytes"), h.getMessage());

        Path empty = write("empty", new byte[0]);
        DataException z = assertThrows(DataException.class, () -> ImageData.readIdx(goodImages("i2"), empty));
        assertTrue(z.getMessage().contains(empty + ": truncated IDX header: 0 bytes"), z.getMessage());

        byte[] good = labels(2049, COUNT, LABELS);
        Path longer = write("lab-long", Arrays.copyOf(good, good.length + 2));
        DataException t = assertThrows(DataException.class, () -> ImageData.readIdx(goodImages("i3"), longer));
        assertTrue(t.getMessage().contains(longer + ": 2 unexpected bytes after the 3 labels"), t.getMessage());
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Path img = goodImages("img");
        Path lab = write("lab", labels(2049, 2, new byte[] {1, 2}));
        DataException e = assertThrows(DataException.class, () -> ImageData.readIdx(img, lab));
        assertTrue(e.getMessage().contains(img + " has 3 images") && e.getMessage().contains(lab + " has 2 labels"),
                e.getMessage());
    }

    @Test
    void damagedGzipIsReportedAsSuch() throws IOException {
        byte[] gz = gzip(images(2051, COUNT, ROWS, COLS, pixels(COUNT * ROWS * COLS)));
        Path img = write("img.gz", Arrays.copyOf(gz, gz.length / 2));
        DataException e = assertThrows(DataException.class, () -> ImageData.readIdx(img, goodLabels("lab")));
        assertTrue(e.getMessage().contains(img.toString()) && e.getMessage().contains("not valid gzip"),
                e.getMessage());
    }

    @Test
    void missingFileIsNamed() throws IOException {
        Path nope = dir.resolve("nope");
        DataException e = assertThrows(DataException.class, () -> ImageData.readIdx(nope, goodLabels("lab")));
        assertEquals(nope + ": no such file", e.getMessage());
    }

    @Test
    void constructorChecksLengths() {
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> new ImageData(new byte[5], new byte[1], 1, 2, 2));
        assertTrue(p.getMessage().contains("count*rows*cols = 1*2*2 = 4 bytes, got 5"), p.getMessage());
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class,
                () -> new ImageData(new byte[4], new byte[2], 1, 2, 2));
        assertTrue(l.getMessage().contains("labels must hold count = 1 bytes, got 2"), l.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImageData(new byte[0], new byte[0], 0, 0, 2));
        assertEquals("ImageData[1 images of 2x2]", new ImageData(new byte[4], new byte[1], 1, 2, 2).toString());
    }
}
