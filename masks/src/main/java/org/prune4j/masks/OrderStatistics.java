package org.prune4j.masks;

/**
 * Order statistics in O(n) expected time (Hoare's quickselect): PDP needs two neighbouring order
 * statistics of a layer's magnitudes before every training step, and a full sort of a 235k-entry
 * layer would cost more than the step itself.
 */
final class OrderStatistics {

    private OrderStatistics() {
    }

    /**
     * The values at positions {@code index} and {@code index + 1} of {@code values} sorted in
     * descending order. Reorders {@code values}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= index <= values.length - 2}
     */
    static float[] descendingPair(float[] values, int index) {
        int n = values.length;
        if (index < 0 || index > n - 2) {
            throw new IllegalArgumentException("index must be in [0, " + (n - 2) + "], got " + index);
        }
        int position = n - 1 - index; // the same value, counted in ascending order
        float at = select(values, position);
        float next = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < position; i++) { // everything left of position is <= it after select
            next = Math.max(next, values[i]);
        }
        return new float[] {at, next};
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
