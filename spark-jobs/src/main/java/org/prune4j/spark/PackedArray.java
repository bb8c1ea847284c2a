package org.prune4j.spark;

import java.io.Serializable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A pruned weight (or its gradient) as sent between driver and workers: one bit per entry saying
 * whether the mask keeps it, and the kept values only. At 90% sparsity that is about 1/7 of the
 * dense bytes; an N:M mask at 2:4 costs 1 bit per weight plus half the values.
 */
final class PackedArray implements Serializable {

    private static final long serialVersionUID = 1L;

    long[] shape;
    long[] keptBits;
    float[] keptValues;

    PackedArray() {
        // for Kryo
    }

    /** Packs {@code values} at the non-zero entries of the 0/1 {@code mask} (same shape). */
    static PackedArray pack(INDArray values, INDArray mask) {
        float[] v = floats(values);
        float[] m = floats(mask);
        PackedArray p = new PackedArray();
        p.shape = values.shape();
        p.keptBits = new long[(m.length + 63) / 64];
        int kept = 0;
        for (int i = 0; i < m.length; i++) {
            if (m[i] != 0f) {
                p.keptBits[i >>> 6] |= 1L << (i & 63);
                kept++;
            }
        }
        p.keptValues = new float[kept];
        for (int i = 0, k = 0; i < m.length; i++) {
            if (m[i] != 0f) {
                p.keptValues[k++] = v[i];
            }
        }
        return p;
    }

    /** {@code values} (of this array's length) packed at this array's kept entries: the same bitmask, shared. */
    PackedArray packAlike(INDArray values) {
        float[] v = floats(values);
        if (v.length != length()) {
            throw new IllegalArgumentException("values must have " + length() + " entries, got " + v.length);
        }
        PackedArray p = new PackedArray();
        p.shape = values.shape();
        p.keptBits = keptBits;
        p.keptValues = new float[keptValues.length];
        for (int i = 0, k = 0; i < v.length; i++) {
            if (kept(i)) {
                p.keptValues[k++] = v[i];
            }
        }
        return p;
    }

    /**
     * Writes into {@code target} (a float array of this length): at kept entries the kept value divided by
     * {@code divisor} (a sum of example-weighted values becomes their mean), at the others the target's own
     * value multiplied {@code idleSteps} times by {@code idleDecay}, one float multiplication at a time,
     * as an optimizer's state decays where the gradient is zero.
     */
    void mergeInto(INDArray target, long divisor, float idleDecay, int idleSteps) {
        float[] out = floats(target);
        if (out.length != length()) {
            throw new IllegalArgumentException("target must have " + length() + " entries, got " + out.length);
        }
        float d = divisor;
        for (int i = 0, k = 0; i < out.length; i++) {
            if (kept(i)) {
                out[i] = keptValues[k++] / d;
            } else {
                for (int s = 0; s < idleSteps; s++) {
                    out[i] *= idleDecay;
                }
            }
        }
        target.assign(array(out));
    }

    /** The dense array: kept values in place, zeros elsewhere. */
    INDArray values() {
        float[] out = new float[length()];
        for (int i = 0, k = 0; i < out.length; i++) {
            if (kept(i)) {
                out[i] = keptValues[k++];
            }
        }
        return array(out);
    }

    /** The 0/1 mask. */
    INDArray mask() {
        float[] out = new float[length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = kept(i) ? 1f : 0f;
        }
        return array(out);
    }

    /** Adds the kept values of {@code other}, which has the same mask, into this one; returns this. */
    PackedArray addKept(PackedArray other) {
        for (int i = 0; i < keptValues.length; i++) {
            keptValues[i] += other.keptValues[i];
        }
        return this;
    }

    /** Bytes on the wire, without framing. */
    long bytes() {
        return keptBits.length * 8L + keptValues.length * 4L;
    }

    /** Bytes of the same array unpacked (float32). */
    long denseBytes() {
        return length() * 4L;
    }

    /** Whether a mask is a 0/1 mask sparse enough for packing to pay (at least half zeros). */
    static boolean worthPacking(INDArray mask) {
        long ones = mask.eq(1).castTo(DataType.INT64).sumNumber().longValue();
        long zeros = mask.eq(0).castTo(DataType.INT64).sumNumber().longValue();
        return ones + zeros == mask.length() && zeros * 2 >= mask.length();
    }

    /**
     * The elements as floats, copied in bulk ({@code data().asFloat()} and {@code Nd4j.create(float[])} go
     * element by element, and a round converts every pruned weight several times).
     */
    private static float[] floats(INDArray a) {
        INDArray c = a.dataType() == DataType.FLOAT ? a.dup('c') : a.castTo(DataType.FLOAT).dup('c');
        float[] out = new float[Math.toIntExact(c.length())];
        c.data().asNio().asFloatBuffer().get(out);
        return out;
    }

    private INDArray array(float[] values) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        out.data().asNio().asFloatBuffer().put(values);
        return out;
    }

    private int length() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    private boolean kept(int i) {
        return (keptBits[i >>> 6] >>> (i & 63) & 1L) != 0;
    }
}
