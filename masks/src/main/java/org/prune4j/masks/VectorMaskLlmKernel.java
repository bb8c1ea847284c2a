package org.prune4j.masks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScalarMaskLlmKernel}'s arithmetic on as many neighbouring groups at once as the CPU's widest
 * float vector holds (16 with AVX-512), with the JDK's incubating Vector API: every lane does the same
 * float operations in the same order, and none mixes lanes, so the bits are the scalar form's. A row's
 * columns after its last full vector go in one vector that overlaps the one before (rows narrower than a
 * vector, and the probabilities' last groups of a range, go to the scalar form). Loaded by
 * {@link MaskLlmKernel#fastest} only where the JVM has the module.
 *
 * <p>A block of group rows goes through several passes, each a method that takes and returns arrays only,
 * with its vector arithmetic written out in its body: the JIT inlines a method into its caller only while
 * the caller's compiled graph is small, and a vector that crosses a call it did not inline is boxed on the
 * heap (the first form, with helper methods for the logarithm and e^x, took 3.5 ms for a 784x300 weight
 * where the noise alone takes 0.6). The block's buffers stay in the L1 or L2 cache.
 */
final class VectorMaskLlmKernel implements MaskLlmKernel {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final int LANES = FLOATS.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final ScalarMaskLlmKernel SCALAR = new ScalarMaskLlmKernel();
    private static final int[] LANE_INDEX = IntStream.range(0, LANES).toArray();
    /** About how many noise values a block of {@link #noise} holds: 32 KB, in the L1 or L2 cache. */
    private static final int BLOCK_VALUES = 8192;

    @Override
    public void forward(MaskLlmLayer layer, float[] noise, long key, float kappa, float inverseTau, int from,
                        int to) {
        // blocks of whole group rows, whose probabilities run over their groups as one flat range: a row's
        // last columns would otherwise fall to the scalar form, 16 times slower (4% of a 300-column row cost
        // 40%); the soft masks then read the probabilities while they are still in the cache
        int rowsPerBlock = layer.blockRows();
        int block = rowsPerBlock * layer.cols;
        float[] gumbel = noise == null ? new float[layer.count * block] : null; // for noise drawn here
        float[] candidates = new float[layer.count * LANES];
        for (int firstRow = from; firstRow < to; firstRow += rowsPerBlock) {
            int endRow = Math.min(to, firstRow + rowsPerBlock);
            int first = firstRow * layer.cols;
            int length = (endRow - firstRow) * layer.cols;
            int vectorLength = length - length % LANES;
            if (noise == null) {
                for (int k = 0; k < layer.count; k++) {
                    uniforms(gumbel, k * block, key, k * layer.groups + first, vectorLength);
                }
                negativeLogs(gumbel, 0, gumbel.length - gumbel.length % LANES); // E = -ln U
                negativeLogs(gumbel, 0, gumbel.length - gumbel.length % LANES); // g = -ln E
                softmax(layer, gumbel, 0, block, kappa, inverseTau, first, vectorLength, candidates);
            } else {
                softmax(layer, noise, first, layer.groups, kappa, inverseTau, first, vectorLength, candidates);
            }
            for (int g = first + vectorLength; g < first + length; g++) {
                ScalarMaskLlmKernel.probabilities(layer, noise, key, kappa, inverseTau, g);
            }
            for (int r = firstRow; r < endRow; r++) {
                if (layer.cols >= LANES) {
                    softMasks(layer, r);
                } else {
                    for (int col = 0; col < layer.cols; col++) {
                        ScalarMaskLlmKernel.softMask(layer, r, col);
                    }
                }
            }
        }
    }

    @Override
    public void noise(float[] out, long key, int from, int to) {
        for (int first = from; first < to; first += BLOCK_VALUES) {
            int end = first + Math.min(BLOCK_VALUES, to - first) / LANES * LANES;
            uniforms(out, first, key, first, end - first);
            negativeLogs(out, first, end);
            negativeLogs(out, first, end);
            for (int i = end; i < Math.min(to, first + BLOCK_VALUES); i++) {
                out[i] = GumbelNoise.value(key, i);
            }
        }
    }

    /** {@link GumbelNoise#uniform} of indices {@code [first, first + length)} into {@code out} from {@code at}. */
    private static void uniforms(float[] out, int at, long key, int first, int length) {
        IntVector lane = IntVector.fromArray(INTS, LANE_INDEX, 0);
        int low = (int) key;
        int high = (int) (key >>> 32);
        for (int i = 0; i < length; i += LANES) {
            IntVector x = lane.add(first + i).lanewise(VectorOperators.XOR, low);
            x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 16)).mul(GumbelNoise.HASH_MULTIPLIER_1);
            x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 15)).mul(GumbelNoise.HASH_MULTIPLIER_2);
            x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 16)).add(high);
            x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 16)).mul(GumbelNoise.HASH_MULTIPLIER_1);
            x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 15)).mul(GumbelNoise.HASH_MULTIPLIER_2);
            x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 16));
            ((FloatVector) x.lanewise(VectorOperators.LSHR, 9).convert(VectorOperators.I2F, 0)).add(0.5f)
                    .mul(GumbelNoise.UNIFORM_STEP).intoArray(out, at + i);
        }
    }

    /** {@code values[i] = -FloatMath.log(values[i])} for i in {@code [from, to)}, a whole number of vectors. */
    private static void negativeLogs(float[] values, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            IntVector bits = FloatVector.fromArray(FLOATS, values, i).reinterpretAsInts();
            IntVector e = bits.sub(FloatMath.SQRT_HALF_BITS).lanewise(VectorOperators.ASHR, 23);
            FloatVector f = bits.sub(e.lanewise(VectorOperators.LSHL, 23)).reinterpretAsFloats().sub(1f);
            FloatVector f2 = f.mul(f);
            FloatVector p = f.mul(FloatMath.L0).add(FloatMath.L1).mul(f).add(FloatMath.L2).mul(f).add(FloatMath.L3)
                    .mul(f).add(FloatMath.L4).mul(f).add(FloatMath.L5).mul(f).add(FloatMath.L6).mul(f)
                    .add(FloatMath.L7).mul(f).add(FloatMath.L8);
            FloatVector ef = (FloatVector) e.convert(VectorOperators.I2F, 0);
            FloatVector y = p.mul(f).mul(f2).add(ef.mul(FloatMath.LN2_SMALL)).add(f2.mul(-FloatMath.E2));
            f.add(y).add(ef.mul(FloatMath.LN2_BIG)).neg().intoArray(values, i);
        }
    }

    /**
     * The probabilities of the groups {@code [first, first + length)}: {@code z = (κ·π + g)·inverseTau} (g from
     * {@code gumbel}, candidate k's from {@code base + k·stride}), {@code e = FloatMath.expNonPositive(z - max z)},
     * {@code p = e·(1 / Σ e)}. One vector of groups at a time, its candidates' z and e in the L1 scratch
     * {@code candidates}: the next vector's loads then overlap this one's exponentials (three passes over a
     * block, one to load, one to exponentiate, one to normalise, took 16% longer on data not in the cache).
     */
    private static void softmax(MaskLlmLayer layer, float[] gumbel, int base, int stride, float kappa,
                                float inverseTau, int first, int length, float[] candidates) {
        for (int j = 0; j < length; j += LANES) {
            FloatVector highest = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
            for (int k = 0; k < layer.count; k++) {
                int at = (k * layer.groups + first + j) * Float.BYTES;
                FloatVector z = FloatVector.fromByteBuffer(FLOATS, layer.logits, at, ORDER).mul(kappa)
                        .add(FloatVector.fromArray(FLOATS, gumbel, base + k * stride + j)).mul(inverseTau);
                z.intoArray(candidates, k * LANES);
                highest = highest.max(z);
            }
            FloatVector sum = FloatVector.zero(FLOATS);
            for (int k = 0; k < layer.count; k++) {
                FloatVector x = FloatVector.fromArray(FLOATS, candidates, k * LANES).sub(highest);
                FloatVector shifted = x.mul(FloatMath.LOG2E).add(FloatMath.ROUNDER);
                IntVector power = shifted.reinterpretAsInts().sub(FloatMath.ROUNDER_BITS);
                FloatVector kf = shifted.sub(FloatMath.ROUNDER);
                FloatVector rest = x.sub(kf.mul(FloatMath.LN2_HIGH)).sub(kf.mul(FloatMath.LN2_LOW));
                FloatVector series = rest.mul(FloatMath.E6).add(FloatMath.E5).mul(rest).add(FloatMath.E4).mul(rest)
                        .add(FloatMath.E3).mul(rest).add(FloatMath.E2).mul(rest).add(1f).mul(rest).add(1f);
                FloatVector e = series.mul(power.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                        .blend(0f, x.lt(FloatMath.EXP_UNDERFLOW));
                e.intoArray(candidates, k * LANES);
                sum = sum.add(e);
            }
            FloatVector inverse = FloatVector.broadcast(FLOATS, 1f).div(sum);
            for (int k = 0; k < layer.count; k++) {
                FloatVector.fromArray(FLOATS, candidates, k * LANES).mul(inverse)
                        .intoArray(layer.probabilities, k * layer.groups + first + j);
            }
        }
    }

    /**
     * {@code W·M̃} and its squares per group of group row r (at least LANES columns). The row's last
     * columns, where they do not fill a vector, go in one that ends at the row's end: the columns it shares
     * with the one before get the same values again, since the pass only reads what it does not write.
     */
    private static void softMasks(MaskLlmLayer layer, int r) {
        for (int start = 0; start < layer.cols; start += LANES) {
            int col = Math.min(start, layer.cols - LANES);
            int g = r * layer.cols + col;
            FloatVector squares = FloatVector.zero(FLOATS);
            for (int i = 0; i < layer.m; i++) {
                FloatVector soft = FloatVector.zero(FLOATS);
                for (int k : layer.containing[i]) {
                    soft = soft.add(FloatVector.fromArray(FLOATS, layer.probabilities, k * layer.groups + g));
                }
                int at = layer.entry(r, i, col);
                FloatVector kept = FloatVector.fromByteBuffer(FLOATS, layer.weight, at * Float.BYTES, ORDER).mul(soft);
                kept.intoByteBuffer(layer.effective, at * Float.BYTES, ORDER);
                squares = squares.add(kept.mul(kept));
            }
            squares.intoArray(layer.keptSquares, g);
        }
    }

    /**
     * Group rows {@code [from, to)}, LANES columns at a time. A row's last columns, where they do not fill a
     * vector, go in one vector that ends at the row's end, overlapping the one before (the scalar form took
     * 16 times as long per column: 12 columns of a 300-column row cost a fifth of the pass). W's gradient is
     * updated in place, so that vector goes first, while the shared columns still hold their inputs, and
     * its W gradient waits in {@code pending} until the row's whole vectors have read theirs; the shared
     * columns then get the same values twice.
     */
    @Override
    public void backward(MaskLlmLayer layer, float regulariserScale, float scale, int from, int to, ByteBuffer out) {
        if (layer.cols < LANES) {
            SCALAR.backward(layer, regulariserScale, scale, from, to, out);
            return;
        }
        float[] p = layer.probabilities;
        float[] upstream = new float[layer.m * LANES];
        float[] pending = new float[layer.m * LANES];
        int whole = layer.cols / LANES;
        int last = layer.cols - LANES;
        int stride = (to - from) * layer.cols;
        for (int r = from; r < to; r++) {
            for (int v = layer.cols % LANES == 0 ? 0 : -1; v < whole; v++) {
                int col = v < 0 ? last : v * LANES;
                int g = r * layer.cols + col;
                FloatVector mean = FloatVector.zero(FLOATS);
                for (int i = 0; i < layer.m; i++) {
                    FloatVector soft = FloatVector.zero(FLOATS);
                    for (int k : layer.containing[i]) {
                        soft = soft.add(FloatVector.fromArray(FLOATS, p, k * layer.groups + g));
                    }
                    int at = layer.entry(r, i, col) * Float.BYTES;
                    FloatVector w = FloatVector.fromByteBuffer(FLOATS, layer.weight, at, ORDER);
                    FloatVector d = FloatVector.fromByteBuffer(FLOATS, layer.gradient, at, ORDER);
                    FloatVector u = d.mul(w).add(w.mul(regulariserScale).mul(w).mul(soft));
                    u.intoArray(upstream, i * LANES);
                    mean = mean.add(u.mul(soft));
                    if (layer.weightGradient) {
                        FloatVector kept = d.mul(soft);
                        if (v < 0) {
                            kept.intoArray(pending, i * LANES);
                        } else {
                            kept.intoByteBuffer(layer.gradient, at, ORDER);
                        }
                    }
                }
                for (int k = 0; k < layer.count; k++) {
                    FloatVector s = FloatVector.zero(FLOATS);
                    for (int i : layer.kept[k]) {
                        s = s.add(FloatVector.fromArray(FLOATS, upstream, i * LANES));
                    }
                    FloatVector.fromArray(FLOATS, p, k * layer.groups + g).mul(scale).mul(s.sub(mean))
                            .intoByteBuffer(out, (k * stride + g - from * layer.cols) * Float.BYTES, ORDER);
                }
            }
            if (layer.weightGradient && layer.cols % LANES != 0) {
                for (int i = 0; i < layer.m; i++) {
                    FloatVector.fromArray(FLOATS, pending, i * LANES).intoByteBuffer(layer.gradient,
                            layer.entry(r, i, last) * Float.BYTES, ORDER);
                }
            }
        }
    }
}
