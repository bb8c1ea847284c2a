package org.prune4j.spark;

import java.io.Serializable;
import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.masks.HostArrays;

/**
 * A pruned weight (or its gradient, or one of its optimizer moments) as sent between driver and workers: one bit per entry saying
 * whether the mask keeps it, and the kept values only. At 90% sparsity that is about 1/7 of the
 * dense bytes; an N:M mask at 2:4 costs 1 bit per weight plus half the values.
 */
final class PackedArray implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Entries decayed together in {@link #mergeInto}: 16 KiB, in the first-level cache while every step runs. */
    private static final int DECAY_BLOCK = 4096;

    long[] shape;
    long[] keptBits;
    float[] keptValues;
    /** Where the kept entries are, from {@link #keptBits}: not sent, rebuilt on first use. */
    private transient int[] keptIndices;

    PackedArray() {
        // for Kryo
    }

    /**
     * {@code values} packed at the ones of {@code mask}, or null when packing would not pay: the mask is
     * not a 0/1 mask (a soft mask travels dense) or less than half of it is zeros. One pass over the mask.
     */
    static PackedArray packIfSparse(INDArray values, INDArray mask) {
        float[] m = HostArrays.toFloats(mask);
        long[] bits = bitsOf(m);
        if (bits == null) {
            return null;
        }
        int kept = 0;
        for (long word : bits) {
            kept += Long.bitCount(word);
        }
        if (2L * (m.length - kept) < m.length) {
            return null;
        }
        PackedArray p = new PackedArray();
        p.shape = values.shape();
        p.keptBits = bits;
        p.keptValues = new float[kept];
        p.gather(values, 1f);
        return p;
    }

    /**
     * One bit per entry of a 0/1 {@code mask} (bit {@code i & 63} of word {@code i / 64}), or null when it
     * holds anything else. Integer arithmetic on the float bits, no branches: masks are large, and their
     * zeros and ones interleave.
     */
    static long[] bitsOf(float[] mask) {
        int one = Float.floatToRawIntBits(1f);
        long[] bits = new long[(mask.length + 63) / 64];
        long other = 0;
        for (int w = 0; w < bits.length; w++) {
            long word = 0;
            for (int j = 0, base = w << 6, end = Math.min(64, mask.length - base); j < end; j++) {
                int m = Float.floatToRawIntBits(mask[base + j]) & 0x7fffffff; // -0 as 0
                word |= (long) (m >>> 29 & 1) << j; // 1f has bit 29, 0f none
                other |= (long) m * (m ^ one); // 0 only for 0f and 1f: both factors are below 2^31
            }
            bits[w] = word;
        }
        return other != 0 ? null : bits;
    }

    /** {@code values} (of this array's length) packed at this array's kept entries: the same bitmask, shared. */
    PackedArray packAlike(INDArray values) {
        return packAlike(values, 1f);
    }

    /**
     * {@code values * scale} packed like {@link #packAlike(INDArray)}: the product of each kept entry, the
     * float multiplication {@code values.mul(scale)} would do, without the dense product.
     */
    PackedArray packAlike(INDArray values, float scale) {
        if (values.length() != length()) {
            throw new IllegalArgumentException("values must have " + length() + " entries, got " + values.length());
        }
        PackedArray p = new PackedArray();
        p.shape = values.shape();
        p.keptBits = keptBits;
        p.keptValues = new float[keptValues.length];
        p.keptIndices = keptIndices(); // the same bitmask: the same indices
        p.gather(values, scale);
        return p;
    }

    /** Fills {@code keptValues} with the kept entries of {@code all} times {@code scale}, read in place where it can be. */
    private void gather(INDArray all, float scale) {
        int[] at = keptIndices();
        FloatBuffer memory = HostArrays.floats(all);
        if (memory == null) {
            float[] values = HostArrays.toFloats(all);
            for (int k = 0; k < at.length; k++) {
                keptValues[k] = values[at[k]] * scale;
            }
        } else {
            for (int k = 0; k < at.length; k++) {
                keptValues[k] = memory.get(at[k]) * scale;
            }
            Reference.reachabilityFence(all); // its memory must outlive the reads
        }
    }

    /** The index of every kept entry, in order: computed once per array from its bitmask. */
    private int[] keptIndices() {
        if (keptIndices == null) {
            int[] at = new int[keptValues.length];
            int k = 0;
            for (int w = 0; w < keptBits.length; w++) {
                for (long word = keptBits[w]; word != 0; word &= word - 1) {
                    at[k++] = (w << 6) + Long.numberOfTrailingZeros(word);
                }
            }
            keptIndices = at;
        }
        return keptIndices;
    }

    /**
     * Writes into {@code target} (a float array of this length): at kept entries the kept value divided by
     * {@code divisor} (a sum of example-weighted values becomes their mean), at the others the target's own
     * value multiplied {@code idleSteps} times by {@code idleDecay}, one float multiplication at a time,
     * as an optimizer's state decays where the gradient is zero.
     */
    void mergeInto(INDArray target, long divisor, float idleDecay, int idleSteps) {
        float[] out = sameLength("target", HostArrays.toFloats(target));
        for (int from = 0; from < out.length; from += DECAY_BLOCK) { // all steps of a block while it is in cache
            int to = Math.min(out.length, from + DECAY_BLOCK);
            for (int s = 0; s < idleSteps; s++) { // every entry: the kept ones are overwritten next
                for (int i = from; i < to; i++) {
                    out[i] *= idleDecay;
                }
            }
        }
        float d = divisor;
        int[] at = keptIndices();
        for (int k = 0; k < at.length; k++) {
            out[at[k]] = keptValues[k] / d;
        }
        HostArrays.write(target, out);
    }

    /** The dense array: kept values in place, zeros elsewhere. */
    INDArray values() {
        return HostArrays.create(denseValues(), shape);
    }

    /** The 0/1 mask. */
    INDArray mask() {
        return HostArrays.create(denseMask(), shape);
    }

    /** Writes {@link #values()} into {@code target} (of this length), in place: zeros, then the kept values. */
    void valuesInto(INDArray target) {
        scatterInto(target, keptValues, 0);
    }

    /** Writes {@link #mask()} into {@code target} (of this length), in place: zeros, then the ones. */
    void maskInto(INDArray target) {
        scatterInto(target, null, 1f);
    }

    private float[] denseValues() {
        return scatter(new float[length()], keptValues, 0);
    }

    private float[] denseMask() {
        return scatter(new float[length()], null, 1f);
    }

    /** {@code out} with the kept values (or {@code constant} at every kept entry when {@code values} is null). */
    private float[] scatter(float[] out, float[] values, float constant) {
        int[] at = keptIndices();
        for (int k = 0; k < at.length; k++) {
            out[at[k]] = values == null ? constant : values[k];
        }
        return out;
    }

    /** Zeroes {@code target} and writes {@link #scatter}'s entries, in its memory where it can. */
    private void scatterInto(INDArray target, float[] values, float constant) {
        sameLength("target", target.length());
        FloatBuffer memory = HostArrays.floats(target);
        if (memory == null) {
            HostArrays.write(target, scatter(new float[length()], values, constant));
            return;
        }
        target.assign(0);
        int[] at = keptIndices();
        for (int k = 0; k < at.length; k++) {
            memory.put(at[k], values == null ? constant : values[k]);
        }
        Reference.reachabilityFence(target);
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

    /**
     * Bytes on the wire of {@code arrays} sent together: a bitmask shared by several of them (a weight and
     * its moments, {@link #packAlike}) is one object, which Kryo writes once, so it is counted once.
     */
    static long bytes(Collection<PackedArray> arrays) {
        Set<long[]> bitmasks = Collections.newSetFromMap(new IdentityHashMap<>());
        long bytes = 0;
        for (PackedArray a : arrays) {
            bytes += a.keptValues.length * 4L + (bitmasks.add(a.keptBits) ? a.keptBits.length * 8L : 0);
        }
        return bytes;
    }

    /** Bytes of the same array unpacked (float32). */
    long denseBytes() {
        return length() * 4L;
    }

    private float[] sameLength(String what, float[] values) {
        sameLength(what, values.length);
        return values;
    }

    private void sameLength(String what, long entries) {
        if (entries != length()) {
            throw new IllegalArgumentException(what + " must have " + length() + " entries, got " + entries);
        }
    }

    private int length() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }
}
