package org.prune4j.masks;

/**
 * Order statistics in O(n): PDP needs two neighbouring order statistics of a layer's magnitudes
 * before every training step, and a full sort of a 235k-entry layer costs more than the step itself.
 */
final class OrderStatistics {

    /** Buckets of the radix pass: the top 16 bits of a non-negative float (exponent and 7 mantissa bits). */
    private static final int BUCKETS = 1 << 16;

    private OrderStatistics() {
    }

    /**
     * The values at positions {@code index} and {@code index + 1} of the non-negative {@code values}
     * sorted in descending order, exactly. One pass counts the values per bucket of their top 16 bits
     * (for non-negative floats the bit patterns sort like the values), which locates the bucket holding
     * the answer; a second pass collects that bucket (under 1% of a layer's magnitudes, typically) for
     * a quickselect. {@code values} is left as it was.
     *
     * @throws IllegalArgumentException unless {@code 0 <= index <= values.length - 2}
     */
    static float[] descendingPair(float[] values, int index) {
        int n = values.length;
        if (index < 0 || index > n - 2) {
            throw new IllegalArgumentException("index must be in [0, " + (n - 2) + "], got " + index);
        }
        int position = n - 1 - index; // the same value, counted in ascending order; its successor is at position - 1
        int[][] partCounts = new int[HostParallel.parts(n)][BUCKETS];
        HostParallel.forRanges(n, (part, from, to) -> {
            int[] own = partCounts[part];
            for (int i = from; i < to; i++) {
                own[bucket(values[i])]++;
            }
        });
        int[] counts = partCounts[0];
        for (int p = 1; p < partCounts.length; p++) {
            for (int b = 0; b < BUCKETS; b++) {
                counts[b] += partCounts[p][b];
            }
        }
        int bucket = 0;
        int below = 0;
        while (below + counts[bucket] <= position) {
            below += counts[bucket++];
        }
        float[] inBucket = new float[counts[bucket]];
        float belowMax = Float.NEGATIVE_INFINITY;
        int k = 0;
        for (float v : values) {
            int b = bucket(v);
            if (b == bucket) {
                inBucket[k++] = v;
            } else if (b < bucket && v > belowMax) {
                belowMax = v;
            }
        }
        int local = position - below;
        float at = select(inBucket, local);
        float next = belowMax;
        for (int i = 0; i < local; i++) { // everything left of local is <= it after select
            next = Math.max(next, inBucket[i]);
        }
        return new float[] {at, next};
    }

    private static int bucket(float nonNegative) {
        return (Float.floatToRawIntBits(nonNegative) & 0x7fffffff) >>> 16;
    }

    /**
     * The {@code k}-th smallest value (0-based), leaving {@code values[0..k)} <= it <= {@code values(k..]}.
     */
    static float select(float[] values, int k) {
        int lo = 0;
        int hi = values.length - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] < values[lo]) {
                swap(values, lo, mid);
            }
            if (values[hi] < values[lo]) {
                swap(values, lo, hi);
            }
            if (values[hi] < values[mid]) {
                swap(values, mid, hi);
            }
            float pivot = values[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(values, i, j);
                    i++;
                    j--;
                }
            }
            // now [lo, j] <= pivot <= [i, hi], and everything strictly between j and i equals pivot
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }

    private static void swap(float[] a, int i, int j) {
        float t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
