package org.prune4j.masks;

/**
 * MaskLLM's soft mask and the gradient of its logits, on the host (reference/algorithms.md §4):
 * per group of M entries (M consecutive rows of one column of a row-major {@code [rows, cols]} weight),
 * {@code p = softmax((κ·π + g) / τ)} over its C candidates and {@code M̃_i = Σ_c p_c·S_ci}; backwards,
 * from {@code dL/dM̃}, {@code dL/dπ_c = (κ/τ)·p_c·(s_c - Σ_d p_d·s_d)} with {@code s_c = Σ_i S_ci·dL/dM̃_i}.
 * Logits and noise are laid out {@code [rows/M, cols, C]}, group {@code (r, col)} at {@code (r·cols + col)·C}.
 * In float, as the graph computed it ({@link FastExp} for the softmax's exponentials). Groups are
 * independent, so ranges of them run in parallel.
 */
final class MaskLlmSoftMask {

    private MaskLlmSoftMask() {
    }

    /**
     * Writes {@code p} (one per logit) and {@code soft} ({@code M̃}, row-major like the weight) for every
     * group.
     */
    static void forward(float[] logits, float[] noise, double kappa, double tau, NmCandidates candidates, int cols,
                        float[] p, float[] soft) {
        int c = candidates.count();
        int m = candidates.pattern().m();
        int groups = logits.length / c;
        float scale = (float) kappa;
        float inverseTau = (float) (1 / tau);
        float[] table = table(candidates);
        HostParallel.forRanges(groups, HostParallel.parts(logits.length), (part, from, to) -> {
            float[] z = new float[c];
            for (int g = from; g < to; g++) {
                int at = g * c;
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) {
                    z[k] = (logits[at + k] * scale + noise[at + k]) * inverseTau;
                    max = Math.max(max, z[k]);
                }
                float sum = 0;
                for (int k = 0; k < c; k++) {
                    float e = FastExp.nonPositive(z[k] - max);
                    p[at + k] = e;
                    sum += e;
                }
                float norm = 1 / sum;
                for (int k = 0; k < c; k++) {
                    p[at + k] *= norm;
                }
                int row = g / cols * m;
                int col = g % cols;
                for (int i = 0; i < m; i++) {
                    float value = 0;
                    for (int k = 0; k < c; k++) {
                        value += p[at + k] * table[k * m + i];
                    }
                    soft[(row + i) * cols + col] = value;
                }
            }
        });
    }

    /** {@code dL/dπ} into {@code logitGradient} from {@code dL/dM̃} (row-major like the weight) and forward's p. */
    static void backward(float[] softGradient, float[] p, double kappa, double tau, NmCandidates candidates, int cols,
                         float[] logitGradient) {
        int c = candidates.count();
        int m = candidates.pattern().m();
        int groups = p.length / c;
        float scale = (float) (kappa / tau);
        float[] table = table(candidates);
        HostParallel.forRanges(groups, HostParallel.parts(p.length), (part, from, to) -> {
            float[] s = new float[c];
            float[] upstream = new float[m];
            for (int g = from; g < to; g++) {
                int at = g * c;
                int row = g / cols * m;
                int col = g % cols;
                for (int i = 0; i < m; i++) {
                    upstream[i] = softGradient[(row + i) * cols + col];
                }
                float mean = 0;
                for (int k = 0; k < c; k++) {
                    float sk = 0;
                    for (int i = 0; i < m; i++) {
                        sk += table[k * m + i] * upstream[i];
                    }
                    s[k] = sk;
                    mean += p[at + k] * sk;
                }
                for (int k = 0; k < c; k++) {
                    logitGradient[at + k] = scale * p[at + k] * (s[k] - mean);
                }
            }
        });
    }

    /** The candidates as one row-major {@code [C, M]} array: read in the inner loops. */
    private static float[] table(NmCandidates candidates) {
        int m = candidates.pattern().m();
        float[] out = new float[candidates.count() * m];
        for (int k = 0; k < candidates.count(); k++) {
            System.arraycopy(candidates.row(k), 0, out, k * m, m);
        }
        return out;
    }
}
