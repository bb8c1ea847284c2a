package org.prune4j.masks;

/**
 * PDP's soft mask over a block of entries whose thresholds come per column ({@link PdpGroupPass}: M
 * rows of a weight, one threshold per group): {@code masked = (float) (w·m)} and
 * {@code gain = (float) PdpSoftMask.gain(w, m, slope)} with {@code m = PdpSoftMask.maskAt(w, t², slope)}, in
 * double. Both forms give the same bits: {@link ScalarPdpKernel} is the reference (PdpSoftMask itself),
 * {@link VectorPdpKernel} the same operations lane by lane.
 */
interface PdpKernel {

    /** Entries {@code [0, length)} of {@code w}; entry j's squared threshold is {@code t2[j % cols]}. */
    void soften(float[] w, double[] t2, int cols, double slope, float[] masked, float[] gain, int length);

    /**
     * The squared threshold {@code t² = ((b[n-1] + b[n]) / 2)²} of every column's group of four, {@code b} its
     * magnitudes in descending order ({@link PdpThresholds#squaredMidpoint}); {@code x} holds four rows of
     * {@code cols} columns. The scalar form took 0.6 of the 2.1 ms a 784x512 weight's 2:4 pass took.
     */
    void thresholdsOfFour(float[] x, int cols, int n, double[] t2);

    /** The Vector API form where the JVM has the module, else the scalar one. */
    static PdpKernel fastest() {
        // a lambda, not a constructor reference: the class loads only when it is called
        return HostKernels.fastest(() -> new VectorPdpKernel(), ScalarPdpKernel::new);
    }
}
