package org.prune4j.masks;

/**
 * PDP's squared thresholds t², on the host (SameDiff has no usable sort or top-k,
 * reference/stack-probe.md §1): t is the midpoint between the smallest kept and the largest pruned
 * score (reference/algorithms.md §3.1, §3.3), so that {@code m = σ((s² - t²)/τ) >= 0.5} exactly on
 * the units that survive. Scores are compared in float, as the weights are stored.
 */
final class PdpThresholds {

    private PdpThresholds() {
    }

    /** Entries as units: {@code {t²}} over {@code |w|} with {@code kept} survivors. */
    static double[] entries(double[] weight, long kept) {
        return entries(weight, kept, new float[weight.length]);
    }

    /** As {@link #entries(double[], long)}, with {@code magnitudes} (of the weight's length) as scratch. */
    static double[] entries(double[] weight, long kept, float[] magnitudes) {
        for (int i = 0; i < weight.length; i++) {
            magnitudes[i] = (float) Math.abs(weight[i]);
        }
        return square(midpoint(magnitudes, kept));
    }

    /** Output channels as units: t² over the column norms, from their squares ({@link Channels#squaredNorms}). */
    static double channels(double[] squares, long kept) {
        float[] norms = new float[squares.length];
        for (int c = 0; c < squares.length; c++) {
            norms[c] = (float) Math.sqrt(squares[c]);
        }
        double t = midpoint(norms, kept);
        return t * t;
    }

    /**
     * t for non-negative {@code scores} of which {@code kept} survive: with {@code a} the scores in
     * descending order and {@code i = clamp(kept - 1, 0, n - 2)}, {@code t = (a[i] + a[i + 1]) / 2}.
     */
    static double midpoint(float[] scores, long kept) {
        float[] pair = OrderStatistics.descendingPair(scores, index(kept, scores.length));
        return 0.5 * ((double) pair[0] + pair[1]);
    }

    /**
     * The squared threshold of every entry's N:M group, row-major like {@code weight}
     * ({@code [rows, cols]}; a group is M consecutive rows of one column): {@code t_g = (b[N-1] + b[N]) / 2}
     * with {@code b} the group's magnitudes in descending order.
     */
    static double[] groups(double[] weight, int cols, NmPattern pattern) {
        int m = pattern.m();
        int n = pattern.n();
        double[] out = new double[weight.length];
        float[] group = new float[m];
        int rows = weight.length / cols;
        for (int c = 0; c < cols; c++) {
            for (int g = 0; g < rows; g += m) {
                for (int i = 0; i < m; i++) {
                    insertDescending(group, i, (float) Math.abs(weight[(g + i) * cols + c]));
                }
                double t2 = squaredMidpoint(group, n);
                for (int i = 0; i < m; i++) {
                    out[(g + i) * cols + c] = t2;
                }
            }
        }
        return out;
    }

    /** Inserts {@code v} into {@code sorted[0, length)}, kept in descending order (insertion sort: M is tiny). */
    static void insertDescending(float[] sorted, int length, float v) {
        int j = length - 1;
        while (j >= 0 && sorted[j] < v) {
            sorted[j + 1] = sorted[j];
            j--;
        }
        sorted[j + 1] = v;
    }

    /** t² of a group whose magnitudes are {@code sorted} in descending order: {@code t = (b[N-1] + b[N]) / 2}. */
    static double squaredMidpoint(float[] sorted, int n) {
        double t = 0.5 * ((double) sorted[n - 1] + sorted[n]);
        return t * t;
    }

    /** The descending position of the smallest kept score, clamped so that a next one exists. */
    static int index(long kept, int n) {
        return (int) Math.max(0, Math.min(kept - 1, n - 2));
    }

    private static double[] square(double t) {
        return new double[] {t * t};
    }
}
