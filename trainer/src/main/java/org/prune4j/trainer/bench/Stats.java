package org.prune4j.trainer.bench;

import java.util.Arrays;

/** Median and range of repeated measurements. */
public record Stats(double median, double min, double max, int count) {

    public static Stats of(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("samples must not be empty");
        }
        double[] s = samples.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new Stats(median, s[0], s[n - 1], n);
    }
}
