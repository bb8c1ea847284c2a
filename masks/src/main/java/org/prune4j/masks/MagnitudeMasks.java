package org.prune4j.masks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Magnitude pruning masks with exact counts (TF-MOT {@code pruning_impl}, Zhu &amp; Gupta):
 * keep the {@code k = round(size * (1 - sparsity))} largest {@code |score|}, ties broken by index.
 *
 * <p>Callers pass {@code score = weight * currentMask}, so a weight pruned once scores 0 and stays
 * pruned while the target sparsity rises.
 */
public final class MagnitudeMasks {

    private MagnitudeMasks() {
    }

    /**
     * The number of survivors for a target sparsity: {@code round(size * (1 - sparsity))}. Sparsity 1
     * is allowed: one global threshold may remove a whole layer.
     */
    public static long keptCount(long size, double sparsity) {
        if (!(sparsity >= 0 && sparsity <= 1)) {
            throw new IllegalArgumentException("sparsity must be in [0, 1], got " + sparsity);
        }
        return Math.round(size * (1.0 - sparsity));
    }

    /** Layer-wise: one mask keeping exactly {@link #keptCount} of this array's entries. */
    public static INDArray layerMask(INDArray scores, double sparsity) {
        float[] s = HostArrays.toFloats(scores);
        float[] mask = keepLargest(List.of(s), keptCount(s.length, sparsity)).get(0);
        return HostArrays.like(mask, scores);
    }

    /**
     * Global: one threshold over all layers together, keeping exactly {@link #keptCount} of their
     * total size; layers may end up with different sparsities.
     */
    public static List<INDArray> globalMasks(List<INDArray> scores, double sparsity) {
        List<float[]> values = scores.stream().map(HostArrays::toFloats).toList();
        long total = values.stream().mapToLong(v -> v.length).sum();
        List<float[]> masks = keepLargest(values, keptCount(total, sparsity));
        List<INDArray> out = new ArrayList<>(masks.size());
        for (int i = 0; i < masks.size(); i++) {
            out.add(HostArrays.like(masks.get(i), scores.get(i)));
        }
        return out;
    }

    /**
     * How many entries of each layer one global threshold keeps: the per-layer counts of
     * {@link #globalMasks}, as the sparsity each layer ends up with. Layer masks at these sparsities
     * select exactly the entries the global masks select (ties fall the same way, by index).
     */
    public static double[] globalSparsities(List<INDArray> scores, double sparsity) {
        List<INDArray> masks = globalMasks(scores, sparsity);
        double[] out = new double[masks.size()];
        for (int i = 0; i < out.length; i++) {
            INDArray m = masks.get(i);
            out[i] = m.length() == 0 ? 0.0 : (double) zeros(m) / m.length();
        }
        return out;
    }

    /** The fraction of zeros. */
    public static double sparsity(INDArray maskOrWeight) {
        long size = maskOrWeight.length();
        return size == 0 ? 0.0 : (double) zeros(maskOrWeight) / size;
    }

    /** The number of exact zeros. */
    public static long zeros(INDArray maskOrWeight) {
        return maskOrWeight.length() - maskOrWeight.neq(0).castTo(DataType.INT64).sumNumber().longValue();
    }

    /** The 0/1 mask keeping exactly the {@code k} largest magnitudes of one array, ties by index. */
    static float[] keepLargest(float[] scores, long k) {
        return keepLargest(List.of(scores), k).get(0);
    }

    /**
     * Keeps exactly {@code k} entries of largest magnitude across all arrays: everything strictly above
     * the k-th largest magnitude, then entries equal to it in (array, index) order until k are kept.
     */
    private static List<float[]> keepLargest(List<float[]> arrays, long k) {
        long total = arrays.stream().mapToLong(a -> a.length).sum();
        List<float[]> masks = arrays.stream().map(a -> new float[a.length]).toList();
        if (k <= 0) {
            return masks;
        }
        float[] magnitudes = new float[Math.toIntExact(total)];
        int p = 0;
        for (float[] a : arrays) {
            for (float v : a) {
                magnitudes[p++] = Math.abs(v);
            }
        }
        Arrays.sort(magnitudes);
        float threshold = magnitudes[Math.toIntExact(total - k)];
        long above = 0;
        for (float m : magnitudes) {
            if (m > threshold) {
                above++;
            }
        }
        long tiesToKeep = k - above;
        for (int i = 0; i < arrays.size(); i++) {
            float[] a = arrays.get(i);
            float[] mask = masks.get(i);
            for (int j = 0; j < a.length; j++) {
                float m = Math.abs(a[j]);
                if (m > threshold || (m == threshold && tiesToKeep-- > 0)) {
                    mask[j] = 1f;
                }
            }
        }
        return masks;
    }
}
