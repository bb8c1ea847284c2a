package org.prune4j.masks;

/**
 * PDP's thresholds t, on the host (SameDiff has no usable sort or top-k, reference/stack-probe.md §1):
 * the midpoint between the smallest kept and the largest pruned score (reference/algorithms.md §3.1,
 * §3.3), so that {@code m = σ((s² - t²)/τ) >= 0.5} exactly on the units that survive.
 */
final class PdpThresholds {

    private PdpThresholds() {
    }

    /**
     * t for non-negative {@code scores} (magnitudes or channel norms) of which {@code kept} survive:
     * with {@code a} the scores in descending order and {@code i = clamp(kept - 1, 0, n - 2)},
     * {@code t = (a[i] + a[i + 1]) / 2}.
     */
    static double midpoint(float[] scores, long kept) {
        int index = (int) Math.max(0, Math.min(kept - 1, scores.length - 2));
        float[] pair = OrderStatistics.descendingPair(scores, index);
        return 0.5 * ((double) pair[0] + pair[1]);
    }

    /**
     * The squared threshold of every entry's N:M group, row-major like {@code weight}
     * ({@code [rows, cols]}; a group is M consecutive rows of one column): {@code t_g = (b[N-1] + b[N]) / 2}
     * with {@code b} the group's magnitudes in descending order.
     */
    static float[] groupSquares(float[] weight, int cols, NmPattern pattern) {
        int m = pattern.m();
        int n = pattern.n();
        float[] out = new float[weight.length];
        float[] group = new float[m];
        int rows = weight.length / cols;
        for (int c = 0; c < cols; c++) {
            for (int g = 0; g < rows; g += m) {
                for (int i = 0; i < m; i++) { // insertion sort, descending: M is tiny
                    float v = Math.abs(weight[(g + i) * cols + c]);
                    int j = i - 1;
                    while (j >= 0 && group[j] < v) {
                        group[j + 1] = group[j];
                        j--;
                    }
                    group[j + 1] = v;
                }
                double t = 0.5 * ((double) group[n - 1] + group[n]);
                float t2 = (float) (t * t);
                for (int i = 0; i < m; i++) {
                    out[(g + i) * cols + c] = t2;
                }
            }
        }
        return out;
    }
}
