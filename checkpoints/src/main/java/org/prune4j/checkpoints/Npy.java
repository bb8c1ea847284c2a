package org.prune4j.checkpoints;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Arrays as NumPy {@code .npy} files (format 1.0, C order, little-endian): a 10-byte preamble, a
 * Python-literal header padded to a multiple of 64 bytes, then the raw element bytes. Chosen over
 * ND4J's own binary format because any NumPy reads it ({@code numpy.load}), and because the data is
 * copied in bulk from the array's buffer rather than element by element.
 *
 * <p>Arrays are limited to 2 GiB each (one NIO buffer); data types without a NumPy equivalent
 * (bfloat16, strings) are refused.
 */
final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;
    private static final int CHUNK = 1 << 20;
    private static final Map<DataType, String> DESCR = Map.ofEntries(
            Map.entry(DataType.FLOAT, "<f4"), Map.entry(DataType.DOUBLE, "<f8"), Map.entry(DataType.HALF, "<f2"),
            Map.entry(DataType.INT8, "|i1"), Map.entry(DataType.INT16, "<i2"), Map.entry(DataType.INT32, "<i4"),
            Map.entry(DataType.INT64, "<i8"), Map.entry(DataType.UINT8, "|u1"), Map.entry(DataType.UINT16, "<u2"),
            Map.entry(DataType.UINT32, "<u4"), Map.entry(DataType.UINT64, "<u8"), Map.entry(DataType.BOOL, "|b1"));
    private static final Map<String, DataType> TYPES = DESCR.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));
    private static final Pattern HEADER = Pattern.compile(
            "\\{'descr': '([<|]\\w\\d)', 'fortran_order': False, 'shape': \\(([0-9, ]*)\\), }\\s*");

    private Npy() {
    }

    /**
     * An array as {@code .npy} bytes, not yet written: the header, and the element bytes where they are, in
     * the array's own buffer (which this keeps alive). The bytes can be written and hashed at the same
     * time, each through its own view.
     */
    record Encoded(byte[] header, INDArray dense) {

        void writeTo(OutputStream out) throws IOException {
            out.write(header);
            ByteBuffer data = data();
            byte[] chunk = new byte[Math.min(CHUNK, data.remaining())];
            while (data.hasRemaining()) {
                int n = Math.min(chunk.length, data.remaining());
                data.get(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        }

        String sha256() {
            MessageDigest md = Digests.newDigest();
            md.update(header);
            md.update(data());
            return Digests.hex(md.digest());
        }

        private ByteBuffer data() {
            return dense.isEmpty() ? ByteBuffer.allocate(0) : bytes(dense);
        }
    }

    /** Encodes {@code array} (any order or view; copied to dense C order first when it is not). */
    static Encoded encode(INDArray array) {
        String descr = DESCR.get(array.dataType());
        if (descr == null) {
            throw new IllegalArgumentException("array data type must be one of " + DESCR.keySet()
                    + " (it needs a NumPy equivalent), got " + array.dataType());
        }
        INDArray dense = array.isView() || array.ordering() != 'c' ? array.dup('c') : array;
        return new Encoded(header(descr, array.shape()), dense);
    }

    /**
     * Reads one array {@link #encode}d and written from a file of {@code fileSize} bytes; the stream must end
     * where the data ends. The header must promise exactly the bytes the file has before anything is
     * allocated, so a damaged shape cannot ask for more memory than the file holds.
     *
     * @throws CorruptCheckpointException when the bytes are not such an array
     */
    static INDArray read(InputStream in, long fileSize) throws IOException {
        byte[] preamble = in.readNBytes(MAGIC.length + 4);
        if (preamble.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(preamble, MAGIC.length), MAGIC)) {
            throw new CorruptCheckpointException("not an .npy file (bad magic)");
        }
        if (preamble[6] != 1 || preamble[7] != 0) {
            throw new CorruptCheckpointException(".npy version must be 1.0, got " + preamble[6] + "." + preamble[7]);
        }
        int headerLength = (preamble[8] & 0xff) | (preamble[9] & 0xff) << 8;
        byte[] header = in.readNBytes(headerLength);
        if (header.length < headerLength) {
            throw new CorruptCheckpointException(".npy header truncated");
        }
        Matcher m = HEADER.matcher(new String(header, StandardCharsets.US_ASCII));
        if (!m.matches()) {
            throw new CorruptCheckpointException(".npy header must describe a little-endian C-order array, got "
                    + new String(header, StandardCharsets.US_ASCII).strip());
        }
        DataType type = TYPES.get(m.group(1));
        if (type == null) {
            throw new CorruptCheckpointException(".npy descr must be one of " + TYPES.keySet() + ", got " + m.group(1));
        }
        long[] shape;
        long dataBytes = type.width();
        try {
            shape = Arrays.stream(m.group(2).split(",")).map(String::strip).filter(d -> !d.isEmpty())
                    .mapToLong(Long::parseLong).toArray();
            for (long d : shape) {
                dataBytes = Math.multiplyExact(dataBytes, d);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CorruptCheckpointException(".npy shape is out of range: (" + m.group(2) + ")");
        }
        if (MAGIC.length + 4 + headerLength + dataBytes != fileSize) {
            throw new CorruptCheckpointException(".npy header promises " + dataBytes + " data bytes, but the file has "
                    + (fileSize - MAGIC.length - 4 - headerLength));
        }
        INDArray array = Nd4j.create(type, shape);
        if (!array.isEmpty()) {
            ByteBuffer data = bytes(array);
            byte[] chunk = new byte[(int) Math.min(CHUNK, data.remaining())];
            while (data.hasRemaining()) {
                int n = in.readNBytes(chunk, 0, Math.min(chunk.length, data.remaining()));
                if (n == 0) {
                    throw new CorruptCheckpointException(".npy data truncated: " + data.remaining() + " of "
                            + data.capacity() + " bytes missing");
                }
                data.put(chunk, 0, n);
            }
        }
        if (in.read() != -1) {
            throw new CorruptCheckpointException(".npy file has bytes after its data");
        }
        return array;
    }

    private static byte[] header(String descr, long[] shape) {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': ("
                + dims + (shape.length == 1 ? "," : "") + "), }";
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** The dense element bytes of a C-order array that owns its buffer, positioned at the start. */
    private static ByteBuffer bytes(INDArray dense) {
        long expected = dense.length() * dense.dataType().width();
        if (expected > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("arrays must be at most 2 GiB each, got " + expected + " bytes");
        }
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalStateException("checkpoint arrays are little-endian; this machine is big-endian");
        }
        ByteBuffer data = dense.data().asNio().duplicate();
        data.clear();
        if (data.capacity() != expected) {
            throw new IllegalStateException("buffer of " + data.capacity() + " bytes for an array of " + expected);
        }
        return data;
    }
}
