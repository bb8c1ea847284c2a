package org.prune4j.masks;

/** {@link PdpKernel} entry by entry, through {@link PdpSoftMask}. */
final class ScalarPdpKernel implements PdpKernel {

    @Override
    public void soften(float[] w, double[] t2, int cols, double slope, float[] masked, float[] gain, int length) {
        for (int j = 0; j < length; j++) {
            entry(w, t2, cols, slope, masked, gain, j);
        }
    }

    static void entry(float[] w, double[] t2, int cols, double slope, float[] masked, float[] gain, int j) {
        double x = w[j];
        double m = PdpSoftMask.maskAt(x, t2[j % cols], slope);
        masked[j] = (float) (x * m);
        gain[j] = (float) PdpSoftMask.gain(x, m, slope);
    }
}
