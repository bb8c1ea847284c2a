package org.prune4j.masks;

/** {@link PdpKernel} entry by entry, through {@link PdpSoftMask}. */
final class ScalarPdpKernel implements PdpKernel {

    @Override
    public void soften(float[] w, double[] t2, int cols, double slope, float[] masked, float[] gain, int length) {
        for (int j = 0; j < length; j++) {
            entry(w, t2, cols, slope, masked, gain, j);
        }
    }

    @Override
    public void thresholdsOfFour(float[] x, int cols, int n, double[] t2) {
        thresholdsOfFour(x, cols, n, t2, 0);
    }

    /**
     * Columns {@code [from, cols)}: a sorting network of min and max over the four rows, whose middle pair
     * a vector form computes lane by lane alike.
     */
    static void thresholdsOfFour(float[] x, int cols, int n, double[] t2, int from) {
        float[] sorted = new float[4];
        for (int c = from; c < cols; c++) {
            float a0 = Math.abs(x[c]);
            float a1 = Math.abs(x[cols + c]);
            float a2 = Math.abs(x[2 * cols + c]);
            float a3 = Math.abs(x[3 * cols + c]);
            float high01 = Math.max(a0, a1);
            float low01 = Math.min(a0, a1);
            float high23 = Math.max(a2, a3);
            float low23 = Math.min(a2, a3);
            float middleHigh = Math.min(high01, high23);
            float middleLow = Math.max(low01, low23);
            sorted[0] = Math.max(high01, high23);
            sorted[1] = Math.max(middleHigh, middleLow);
            sorted[2] = Math.min(middleHigh, middleLow);
            sorted[3] = Math.min(low01, low23);
            t2[c] = PdpThresholds.squaredMidpoint(sorted, n);
        }
    }

    static void entry(float[] w, double[] t2, int cols, double slope, float[] masked, float[] gain, int j) {
        double x = w[j];
        double m = PdpSoftMask.maskAt(x, t2[j % cols], slope);
        masked[j] = (float) (x * m);
        gain[j] = (float) PdpSoftMask.gain(x, m, slope);
    }
}
