package org.prune4j.masks;

/**
 * PDP's soft mask of one entry and what its gradient needs, on the host, in double:
 * {@code m = σ((w² - t²)/τ)}, {@code dm/dw = (2w/τ)·m(1 - m)} (t held constant), the masked weight
 * {@code w·m} and its derivative {@code gain = d(w·m)/dw = m + w·dm/dw}. e^x is {@link DoubleMath#exp},
 * which {@link VectorPdpKernel} computes lane by lane with the same bits.
 */
final class PdpSoftMask {

    /**
     * Beyond this |argument| a the mask is taken as exactly 0 or 1 and no exp is evaluated: most
     * entries are far from the threshold. The error is below float resolution: m(1 - m) < e^-25
     * (1.4e-11), and the boosting term {@code w·dm/dw = 2(a + t²/τ)·m(1 - m)} stays under 1e-7 while
     * {@code t²/τ} is under 3,500 (with τ = 0.01·mean(w²), Gaussian weights reach 660 at 99% sparsity).
     */
    static final double SATURATED = 25;

    private PdpSoftMask() {
    }

    /** {@code σ((w² - t²)/τ)}. */
    static double mask(double w, double t2, double tau) {
        return maskAt(w, t2, 1 / tau);
    }

    /** {@code dm/dw} with t held constant. */
    static double derivative(double w, double t2, double tau) {
        double m = mask(w, t2, tau);
        return 2 * w / tau * m * (1 - m);
    }

    /** {@code σ((x² - t²)·slope)} with {@code slope = 1/τ}: exactly 1 or 0 beyond ±{@link #SATURATED}. */
    static double maskAt(double x, double t2, double slope) {
        return maskOfSquare(x * x, t2, slope);
    }

    /** {@code σ((s² - t²)·slope)} for a squared score s² (a channel's squared norm): as {@link #maskAt}. */
    static double maskOfSquare(double s2, double t2, double slope) {
        double a = (s2 - t2) * slope;
        if (a > SATURATED) {
            return 1;
        }
        return a < -SATURATED ? 0 : 1 / (1 + DoubleMath.exp(-a));
    }

    /** {@code d(x·m)/dx = m + x·dm/dx} at the mask {@code m} of x (exactly m where m is 0 or 1). */
    static double gain(double x, double m, double slope) {
        return m + x * (2 * x * slope * m * (1 - m));
    }

    /**
     * Fills {@code masked[0, length)} ({@code x·m}) and {@code gain[0, length)} for the entries
     * {@code w[from, from + length)}: a chunk, so that a caller can stream the result into the graph
     * without weight-sized buffers. {@code t2} holds one squared threshold for all entries, or one per
     * entry (N:M groups).
     */
    static void maskedAndGain(double[] w, double[] t2, double tau, int from, int length, double[] masked,
                              double[] gain) {
        double slope = 1 / tau;
        boolean perEntry = t2.length > 1;
        for (int j = 0; j < length; j++) {
            int i = from + j;
            double x = w[i];
            double m = maskAt(x, perEntry ? t2[i] : t2[0], slope);
            masked[j] = x * m;
            gain[j] = gain(x, m, slope);
        }
    }
}
