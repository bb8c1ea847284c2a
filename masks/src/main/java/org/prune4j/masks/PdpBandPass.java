package org.prune4j.masks;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PDP's per-step host work for one unstructured float weight, when its threshold stays near the last
 * one: the threshold and the soft mask in one streaming pass over the latent weight, most of it in
 * loops the JIT vectorizes, instead of a read, a selection and a soft-mask pass in scalar code.
 *
 * <p>The pass compares the bits of every |w| (non-negative floats order like their bits) with two
 * bounds: outside them the mask is saturated ({@code |a| >} {@link PdpSoftMask#SATURATED}, with
 * margin) for any t in a band around the last t, so m is exactly 0 or 1 whatever t turns out to be,
 * and Ŵ and gain are written at once, in bits, chunk by chunk. The others (typically a tenth) are
 * listed with their values, the band is tallied from them for
 * {@link OrderStatistics#descendingPairInBands}, and once t is known they are written one by one.
 * Every value is what {@link PdpSoftMask#maskedAndGain} gives at the same t, bit for bit
 * (PdpBandPassTest).
 */
final class PdpBandPass {

    /**
     * Half-width of the band searched around the last threshold, relative to it: at first, and after the
     * threshold left the band. Then the band follows how far t moved at the last step (times
     * {@link #BAND_MARGIN}, at least {@link #MIN_BAND}): a narrow band lists fewer entries.
     */
    static final double BAND = 0.05;
    static final double MIN_BAND = 0.005;
    static final double BAND_MARGIN = 4;

    /** Entries at least this far past saturation for every t in the band are settled by the first pass. */
    private static final double SETTLED = PdpSoftMask.SATURATED + 1;

    private static final int ONE_BITS = Float.floatToRawIntBits(1f);

    private final int n;
    private final int parts;
    /** Per part: a chunk of the weight's bits, of its codes, and of the bits of its Ŵ and gain. */
    private final int[][] bitChunks;
    private final int[][] codeChunks;
    private final int[][] maskedChunks;
    private final int[][] gainChunks;
    /** Per part: the unsettled entries' indices (ascending) and bits, and the band's magnitudes. */
    private final int[][] unsettled;
    private final int[][] unsettledBits;
    private final int[] unsettledCount;
    private final int[][] inBandCodes;
    private final float[][] bands;
    private final OrderStatistics.BandTally[] tallies;
    private double band = BAND;

    /** Scratch for a weight of {@code n} entries, reused at every step, in parts for the cores there are. */
    PdpBandPass(int n) {
        this(n, HostParallel.parts(n));
    }

    /** As {@link #PdpBandPass(int)}, in {@code parts} ranges. */
    PdpBandPass(int n, int parts) {
        this.n = n;
        this.parts = parts;
        int chunk = Math.min(HostArrays.CHUNK, n);
        bitChunks = new int[parts][chunk];
        codeChunks = new int[parts][chunk];
        maskedChunks = new int[parts][chunk];
        gainChunks = new int[parts][chunk];
        unsettled = new int[parts][n / parts + 1];
        unsettledBits = new int[parts][n / parts + 1];
        unsettledCount = new int[parts];
        inBandCodes = new int[parts][n / parts + 1];
        bands = new float[parts][Math.max(1024, n / 16)];
        tallies = new OrderStatistics.BandTally[parts];
    }

    /**
     * Reads {@code latent}, finds t² with {@code index + 1} scores at or above t (the pair at descending
     * {@code index} of {@link OrderStatistics#descendingPair}) near {@code lastT}, and writes
     * {@code Ŵ = w·m} into {@code effective} and {@code dŴ/dw} into {@code gainOut}. All three are plain
     * row-major float arrays of this pass's size.
     *
     * @return t², or NaN when the band does not hold the pair; the outputs are then partly written, and the
     *         caller softens in full
     */
    double soften(INDArray latent, INDArray effective, INDArray gainOut, int index, double lastT, double tau) {
        double t2 = softenInBand(latent, effective, gainOut, index, lastT, tau, band);
        double moved = Math.abs(Math.sqrt(t2) / lastT - 1); // NaN when declined, or when t was 0
        band = Double.isNaN(moved) ? BAND : Math.min(BAND, Math.max(MIN_BAND, BAND_MARGIN * moved));
        return t2;
    }

    /** The half-width of the next band, relative to the last threshold. */
    double band() {
        return band;
    }

    private double softenInBand(INDArray latent, INDArray effective, INDArray gainOut, int index, double lastT,
                                double tau, double band) {
        float lo = (float) (lastT * (1 - band));
        float hi = (float) (lastT * (1 + band));
        double lo2 = (double) lo * lo;
        double hi2 = (double) hi * hi;
        float settledOff = smallestWithSquareAtLeast(lo2 - SETTLED * tau); // below it, m is 0 for any t in the band
        float settledOn = largestWithSquareAtMost(hi2 + SETTLED * tau); // above it, m is 1
        int onBits = Float.floatToRawIntBits(settledOn);
        HostParallel.forRanges(n, parts, (part, from, to) -> {
            IntBuffer bits = ints(latent);
            IntBuffer effectiveOut = ints(effective);
            IntBuffer gainsOut = ints(gainOut);
            int[] chunk = bitChunks[part];
            int above = 0;
            unsettledCount[part] = 0;
            for (int at = from; at < to; at += chunk.length) {
                int length = Math.min(chunk.length, to - at);
                bits.get(at, chunk, 0, length);
                above += listUnsettled(part, at, length, Float.floatToRawIntBits(settledOff), onBits);
                settle(part, length, onBits);
                effectiveOut.put(at, maskedChunks[part], 0, length);
                gainsOut.put(at, gainChunks[part], 0, length);
            }
            tallies[part] = tally(part, above, lo, hi);
        });
        float[] pair = OrderStatistics.descendingPairInBands(index, tallies);
        if (pair == null || Float.isInfinite(pair[0]) || Float.isInfinite(pair[1])) {
            return Double.NaN; // or a neighbour among the settled, whose extremes are not tallied
        }
        double t = 0.5 * ((double) pair[0] + pair[1]);
        double t2 = t * t;
        if (t2 > hi2 || t2 < lo2) { // t beyond the band's edge: the settled entries are not settled
            return Double.NaN;
        }
        double slope = 1 / tau;
        HostParallel.forRanges(n, parts, (part, from, to) -> {
            FloatBuffer effectiveOut = effective.data().asNioFloat();
            FloatBuffer gainsOut = gainOut.data().asNioFloat();
            int[] indices = unsettled[part];
            int[] listed = unsettledBits[part];
            for (int k = 0, count = unsettledCount[part]; k < count; k++) {
                double w = Float.intBitsToFloat(listed[k]);
                double m = PdpSoftMask.maskAt(w, t2, slope);
                effectiveOut.put(indices[k], (float) (w * m));
                gainsOut.put(indices[k], (float) PdpSoftMask.gain(w, m, slope));
            }
        });
        return t2;
    }

    /**
     * The bits of {@code Ŵ = w} and gain 1 where |w| is above {@code onBits}, of {@code Ŵ = w·0} (zero with
     * w's sign) and gain 0 elsewhere, for the part's bit chunk; the unsettled are overwritten once t is
     * known. Integer arithmetic only, so the JIT vectorizes it.
     */
    private void settle(int part, int length, int onBits) {
        int[] bits = bitChunks[part];
        int[] masked = maskedChunks[part];
        int[] gain = gainChunks[part];
        for (int i = 0; i < length; i++) {
            int on = (onBits - (bits[i] & 0x7fffffff)) >> 31; // -1 above onBits, else 0
            masked[i] = bits[i] & (on | 0x80000000);
            gain[i] = on & ONE_BITS;
        }
    }

    /** A view of a plain float array's values as their bits. */
    private static IntBuffer ints(INDArray plainFloats) {
        return plainFloats.data().asNio().order(ByteOrder.nativeOrder()).asIntBuffer();
    }

    /**
     * Appends the entries of the part's bit chunk (at {@code at} in the weight) whose |w| has bits in
     * {@code [offBits, onBits]} to the part's unsettled ones and returns how many lie above. The first loop,
     * integer arithmetic only, is vectorized; the second, which lists, branches rarely.
     */
    private int listUnsettled(int part, int at, int length, int offBits, int onBits) {
        int[] bits = bitChunks[part];
        int[] code = codeChunks[part];
        int span = onBits - offBits;
        int above = 0;
        for (int i = 0; i < length; i++) {
            int magnitude = bits[i] & 0x7fffffff;
            above += (onBits - magnitude) >>> 31;
            int d = magnitude - offBits;
            code[i] = ~(d | (span - d)) >>> 31; // 1 when 0 <= d <= span
        }
        int[] indices = unsettled[part];
        int[] listed = unsettledBits[part];
        int count = unsettledCount[part];
        for (int i = 0; i < length; i++) {
            if (code[i] != 0) {
                indices[count] = at + i;
                listed[count++] = bits[i];
            }
        }
        unsettledCount[part] = count;
        return above;
    }

    /**
     * The part's band tally from its unsettled entries and the count of those above them, in one
     * branch-free loop over their bits and a listing of the band: the smallest magnitude above the band
     * and the largest below it are the unsettled ones' (infinite when there is none on that side).
     */
    private OrderStatistics.BandTally tally(int part, int settledAbove, float lo, float hi) {
        int loBits = Float.floatToRawIntBits(lo);
        int hiBits = Float.floatToRawIntBits(hi);
        int[] listed = unsettledBits[part];
        int[] code = inBandCodes[part];
        int count = unsettledCount[part];
        int above = settledAbove;
        int inBand = 0;
        int smallestAbove = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);
        int largestBelow = -1;
        for (int k = 0; k < count; k++) {
            int magnitude = listed[k] & 0x7fffffff;
            int isAbove = (hiBits - magnitude) >> 31; // -1 or 0
            int isBelow = (magnitude - loBits) >> 31;
            above -= isAbove;
            smallestAbove = Math.min(smallestAbove, magnitude & isAbove | ~isAbove & 0x7f800000); // or +inf
            largestBelow = Math.max(largestBelow, magnitude | ~isBelow); // or -1
            code[k] = ~(isAbove | isBelow) & 1;
            inBand += code[k];
        }
        float[] band = bands[part];
        if (inBand > band.length) {
            inBand = -1;
        } else {
            for (int k = 0, b = 0; k < count; k++) {
                if (code[k] != 0) {
                    band[b++] = Float.intBitsToFloat(listed[k] & 0x7fffffff);
                }
            }
        }
        return new OrderStatistics.BandTally(above, Float.intBitsToFloat(smallestAbove), band, inBand,
                largestBelow < 0 ? Float.NEGATIVE_INFINITY : Float.intBitsToFloat(largestBelow));
    }

    /** The smallest non-negative float f with {@code f² >= square} (0 when square <= 0). */
    static float smallestWithSquareAtLeast(double square) {
        if (square <= 0) {
            return 0;
        }
        float f = (float) Math.sqrt(square);
        while (f > 0 && (double) Math.nextDown(f) * Math.nextDown(f) >= square) {
            f = Math.nextDown(f);
        }
        while ((double) f * f < square) {
            f = Math.nextUp(f);
        }
        return f;
    }

    /** The largest float f with {@code f² <= square}, for a positive square (+inf for +inf). */
    static float largestWithSquareAtMost(double square) {
        float f = (float) Math.sqrt(square);
        while (f < Float.POSITIVE_INFINITY && (double) Math.nextUp(f) * Math.nextUp(f) <= square) {
            f = Math.nextUp(f);
        }
        while ((double) f * f > square) {
            f = Math.nextDown(f);
        }
        return f;
    }
}
