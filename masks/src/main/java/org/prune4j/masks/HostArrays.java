package org.prune4j.masks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moves weights and masks between ND4J and plain row-major Java arrays. Contiguous row-major arrays
 * (every graph variable here) go through NIO views of their native memory: a bulk copy, 10 to 30
 * times faster than {@code DataBuffer.asFloat()} or {@code setData}, which matters because PDP reads
 * every pruned weight and writes two arrays of its size before every step.
 */
public final class HostArrays {

    /** Values converted per bulk copy of native memory: small enough to stay in cache. */
    static final int CHUNK = 4096;

    private HostArrays() {
    }

    /**
     * The values in row-major ('c') order, whatever the array's own ordering and type; a plain row-major
     * float array (no view) is copied once, in bulk.
     */
    public static float[] toFloats(INDArray a) {
        float[] out = new float[Math.toIntExact(a.length())];
        FloatBuffer memory = floats(a);
        if (memory != null) {
            memory.get(0, out);
        } else {
            a.castTo(DataType.FLOAT).dup('c').data().asNioFloat().get(out);
        }
        return out;
    }

    /** The values in row-major ('c') order as doubles: PDP's soft mask is computed in double. */
    static double[] toDoubles(INDArray a) {
        return toDoubles(a, new double[Math.toIntExact(a.length())]);
    }

    /** As {@link #toDoubles(INDArray)}, into {@code out} (of the array's length): PDP reuses it every step. */
    static double[] toDoubles(INDArray a, double[] out) {
        if (out.length != a.length()) {
            throw new IllegalArgumentException("out must hold " + a.length() + " values, got " + out.length);
        }
        if (isPlain(a, DataType.DOUBLE)) {
            a.data().asNioDouble().get(out);
        } else if (isPlain(a, DataType.FLOAT)) {
            FloatBuffer view = a.data().asNioFloat();
            float[] chunk = new float[Math.min(CHUNK, out.length)];
            for (int i = 0; i < out.length; i += chunk.length) {
                int len = Math.min(chunk.length, out.length - i);
                view.get(i, chunk, 0, len);
                for (int j = 0; j < len; j++) {
                    out[i + j] = chunk[j];
                }
            }
        } else {
            a.dup('c').castTo(DataType.DOUBLE).data().asNioDouble().get(out);
        }
        return out;
    }

    /**
     * Writes row-major {@code values} into {@code target} in place, converting to its type: in bulk when
     * the target is a float array whose elements lie in row-major order one after another (a plain array,
     * or a contiguous view such as one of Adam's moments in its state vector).
     */
    public static void write(INDArray target, float[] values) {
        if (values.length != target.length()) {
            throw new IllegalArgumentException("values must hold " + target.length() + " entries, got " + values.length);
        }
        FloatBuffer memory = floats(target);
        if (memory != null) {
            memory.put(0, values);
        } else {
            target.assign(Nd4j.create(values, target.shape(), 'c'));
        }
    }

    /**
     * The elements of a contiguous row-major float array as a buffer over its native memory (position i
     * is element i), or null for any other array: for bulk copies and for entries read or written in place.
     * The buffer does not keep the array's memory alive: the caller keeps {@code a} reachable while it uses it.
     */
    public static FloatBuffer floats(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || !Shape.hasDefaultStridesForShape(a)) {
            return null;
        }
        // for a view (an optimizer's state slot in its shared buffer) the NIO buffer spans the whole
        // underlying memory and the offset counts from its start; data().length() is the view's own length
        FloatBuffer memory = a.data().asNioFloat();
        int from = Math.toIntExact(a.offset());
        int length = Math.toIntExact(a.length());
        return from + length <= memory.capacity() ? memory.slice(from, length) : null;
    }

    /**
     * As {@link #floats}, as bytes in the platform's order (element i at byte 4i), or null: what the Vector
     * API's kernels load from and store into without a copy. The caller keeps {@code a} reachable.
     */
    public static ByteBuffer bytes(INDArray a) {
        if (floats(a) == null) {
            return null;
        }
        return a.data().asNio().slice(Math.toIntExact(a.offset()) * Float.BYTES,
                Math.toIntExact(a.length()) * Float.BYTES).order(ByteOrder.nativeOrder());
    }

    /**
     * Writes {@code values[0, length)} into the row-major positions {@code [at, at + length)} of
     * {@code target}, a plain row-major float or double array with offset 0 (PDP's gain constant and the
     * weight variable it writes Ŵ into), in place; safe from several threads for disjoint ranges.
     */
    static void write(INDArray target, int at, double[] values, int length) {
        if (isPlain(target, DataType.FLOAT)) {
            float[] chunk = new float[length];
            for (int j = 0; j < length; j++) {
                chunk[j] = (float) values[j];
            }
            target.data().asNioFloat().put(at, chunk, 0, length);
        } else if (isPlain(target, DataType.DOUBLE)) {
            target.data().asNioDouble().put(at, values, 0, length);
        } else {
            throw new IllegalArgumentException("target must be a contiguous row-major float or double array, got "
                    + target.dataType() + " " + target.ordering() + " with offset " + target.offset());
        }
    }

    /** Columns of the {@code [size/last, last]} view: the output dimension of a weight. */
    static int columns(INDArray a) {
        return a.rank() == 0 ? 1 : Math.toIntExact(a.size(a.rank() - 1));
    }

    /** A float array of the same shape as {@code like}, row-major. */
    static INDArray like(float[] values, INDArray like) {
        return create(values, like.shape());
    }

    /**
     * A row-major float array of {@code shape} holding {@code values}, copied in bulk ({@code Nd4j.create}
     * copies a Java array element by element: a millisecond for one batch of 256 images).
     */
    public static INDArray create(float[] values, long... shape) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        if (values.length != out.length()) {
            throw new IllegalArgumentException("values must hold " + out.length() + " entries for the shape, got "
                    + values.length);
        }
        out.data().asNioFloat().put(values);
        return out;
    }

    /** A row-major array of {@code type} whose data buffer holds exactly its elements, from offset 0. */
    static boolean isPlain(INDArray a, DataType type) {
        return a.dataType() == type && a.ordering() == 'c' && a.offset() == 0 && a.data().length() == a.length();
    }
}
