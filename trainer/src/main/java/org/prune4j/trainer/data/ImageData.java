package org.prune4j.trainer.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Images and their labels as read from a pair of IDX files (the MNIST format): {@code count} images
 * of {@code rows x cols} unsigned bytes, row-major, one after the other, and one label byte each.
 *
 * <p>The arrays are kept as given, not copied, on construction or access: MNIST's training pixels are
 * 47 MB and are read once per batch. Treat them as read-only.
 *
 * @param pixels {@code count * rows * cols} bytes, image {@code i} starting at {@code i * rows * cols}
 * @param labels {@code count} class indices
 * @param count  number of images
 * @param rows   image height
 * @param cols   image width
 */
public record ImageData(byte[] pixels, byte[] labels, int count, int rows, int cols) {

    /** IDX magic of an unsigned-byte file with 3 dimensions (images). */
    static final int IMAGES_MAGIC = 0x00000803;
    /** IDX magic of an unsigned-byte file with 1 dimension (labels). */
    static final int LABELS_MAGIC = 0x00000801;

    public ImageData {
        if (pixels == null || labels == null) {
            throw new IllegalArgumentException("pixels and labels must not be null");
        }
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("count must be >= 0 and rows, cols > 0, got count " + count
                    + ", rows " + rows + ", cols " + cols);
        }
        if (pixels.length != (long) count * rows * cols) {
            throw new IllegalArgumentException("pixels must hold count*rows*cols = " + count + "*" + rows + "*" + cols
                    + " = " + (long) count * rows * cols + " bytes, got " + pixels.length);
        }
        if (labels.length != count) {
            throw new IllegalArgumentException("labels must hold count = " + count + " bytes, got " + labels.length);
        }
    }

    /** Pixels per image, {@code rows * cols}. */
    public int imageSize() {
        return rows * cols;
    }

    /** The label of image {@code i}, 0..255. */
    public int label(int i) {
        return labels[i] & 0xff;
    }

    /**
     * Reads an IDX images file and its labels file, each either raw or gzipped (told apart by the gzip
     * magic bytes, not by the name).
     *
     * @throws DataException naming the file and what is wrong: missing, not gzip though it looks like it,
     *                       a wrong magic number, a header that is cut short, fewer or more data bytes than
     *                       the header promises, or image and label counts that differ
     */
    public static ImageData readIdx(Path images, Path labels) {
        ByteBuffer img = ByteBuffer.wrap(readMaybeGzipped(images));
        ByteBuffer lab = ByteBuffer.wrap(readMaybeGzipped(labels));
        checkHeader(images, img, IMAGES_MAGIC, 16, "images", LABELS_MAGIC, "labels");
        checkHeader(labels, lab, LABELS_MAGIC, 8, "labels", IMAGES_MAGIC, "images");
        int count = img.getInt(4);
        int rows = img.getInt(8);
        int cols = img.getInt(12);
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new DataException(images + ": IDX header gives " + count + " images of " + rows + "x" + cols
                    + "; count must be >= 0 and rows, cols > 0");
        }
        long pixelBytes = (long) count * rows * cols;
        checkLength(images, img.capacity(), 16, pixelBytes,
                count + " images of " + rows + "x" + cols + " = " + pixelBytes + " pixel bytes");
        int labelCount = lab.getInt(4);
        if (labelCount < 0) {
            throw new DataException(labels + ": IDX header gives a negative label count " + labelCount);
        }
        checkLength(labels, lab.capacity(), 8, labelCount, labelCount + " labels");
        if (labelCount != count) {
            throw new DataException("image and label counts differ: " + images + " has " + count + " images, "
                    + labels + " has " + labelCount + " labels");
        }
        return new ImageData(Arrays.copyOfRange(img.array(), 16, 16 + (int) pixelBytes),
                Arrays.copyOfRange(lab.array(), 8, 8 + labelCount), count, rows, cols);
    }

    /** The training split in {@code dir}: {@code train-{images-idx3,labels-idx1}-ubyte}, each raw or {@code .gz}. */
    public static ImageData train(Path dir) {
        return readIdx(find(dir, "train-images-idx3-ubyte"), find(dir, "train-labels-idx1-ubyte"));
    }

    /** The test split in {@code dir}: {@code t10k-{images-idx3,labels-idx1}-ubyte}, each raw or {@code .gz}. */
    public static ImageData test(Path dir) {
        return readIdx(find(dir, "t10k-images-idx3-ubyte"), find(dir, "t10k-labels-idx1-ubyte"));
    }

    /** {@code dir/name}, else {@code dir/name.gz}: the raw file wins when both are there, as it is the cheaper read. */
    private static Path find(Path dir, String name) {
        for (String candidate : List.of(name, name + ".gz")) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new DataException((Files.isDirectory(dir) ? "no " + name + " in " + dir : dir + " is not a folder")
                + ": looked for " + name + " and " + name + ".gz");
    }

    private static byte[] readMaybeGzipped(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            if (!gzip) {
                return raw.readAllBytes();
            }
            try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
                return in.readAllBytes();
            } catch (ZipException | java.io.EOFException e) {
                throw new DataException(file + ": starts like gzip but is not valid gzip (" + e.getMessage()
                        + "); the file is damaged or cut short", e);
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e, e);
        }
    }

    private static void checkHeader(Path file, ByteBuffer b, int magic, int headerBytes, String kind,
            int otherMagic, String otherKind) {
        if (b.capacity() < 4) {
            throw new DataException(file + ": truncated IDX header: " + b.capacity() + " bytes, an IDX " + kind
                    + " header has " + headerBytes);
        }
        int found = b.getInt(0);
        if (found != magic) {
            throw new DataException(String.format("%s: IDX magic number is %d (0x%08x), expected %d for %s%s", file,
                    found, found, magic, kind, found == otherMagic
                            ? "; this is an IDX " + otherKind + " file: are images and labels swapped?"
                            : "; this is not an IDX " + kind + " file"));
        }
        if (b.capacity() < headerBytes) {
            throw new DataException(file + ": truncated IDX header: " + b.capacity() + " bytes, an IDX " + kind
                    + " header has " + headerBytes);
        }
    }

    private static void checkLength(Path file, int actual, int headerBytes, long dataBytes, String promise) {
        long expected = headerBytes + dataBytes;
        if (actual < expected) {
            throw new DataException(file + ": truncated: the header promises " + promise + " (" + expected
                    + " bytes with the header), the file has " + actual);
        }
        if (actual > expected) {
            throw new DataException(file + ": " + (actual - expected) + " unexpected bytes after the " + promise
                    + " the header promises (" + expected + " bytes with the header, the file has " + actual + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageData d && count == d.count && rows == d.rows && cols == d.cols
                && Arrays.equals(labels, d.labels) && Arrays.equals(pixels, d.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(labels) + count) + rows * 7 + cols;
    }

    @Override
    public String toString() {
        return "ImageData[" + count + " images of " + rows + "x" + cols + "]";
    }
}
