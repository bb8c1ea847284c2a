package org.prune4j.masks;

/**
 * MaskLLM's warm start from a one-shot N:M mask M0 (magnitude, Wanda, SparseGPT):
 * {@code π_{g,c} += (overlap(S_c, M0_g) - N/2) · std(π) · strength}, with std the unbiased standard
 * deviation of the layer's whole logit tensor before the shift (reference/algorithms.md §4.3; the
 * official code writes {@code overlap - 1} for 2:4, 4V writes {@code - N//2}: a shift shared by all
 * candidates of a group leaves the softmax unchanged, so both are the same prior).
 */
final class MaskLlmPrior {

    private MaskLlmPrior() {
    }

    /**
     * Shifts {@code logits} ({@code [C, rows/M, cols]}, row-major, see {@link MaskLlmLayer}) in place
     * towards the candidates that agree with {@code oneShot} ({@code [rows, cols]}, row-major, exactly N
     * ones per group).
     */
    static void shift(float[] logits, float[] oneShot, int cols, NmCandidates candidates, double strength) {
        int m = candidates.pattern().m();
        int half = candidates.pattern().n() / 2;
        int count = candidates.count();
        double scale = unbiasedStd(logits) * strength;
        int groups = oneShot.length / m;
        for (int g = 0; g < groups; g++) {
            int first = g / cols * m * cols + g % cols;
            for (int k = 0; k < count; k++) {
                int overlap = candidates.overlap(k, oneShot, first, cols);
                logits[k * groups + g] += (float) ((overlap - half) * scale);
            }
        }
    }

    static double unbiasedStd(float[] values) {
        if (values.length < 2) {
            return 0;
        }
        double mean = 0;
        for (float v : values) {
            mean += v;
        }
        mean /= values.length;
        double squares = 0;
        for (float v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }
}
