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
        checkIndex(index, n);
        int position = n - 1 - index; // the same value, counted in ascending order; its successor is at position - 1
        int parts = HostParallel.parts(n);
        int[][] partCounts = new int[parts][BUCKETS];
        HostParallel.forRanges(n, parts, (part, from, to) -> {
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
        return pairAt(inBucket, position - below, belowMax);
    }

    /**
     * What one pass over a part of the magnitudes saw of a band {@code [lo, hi]}: how many lay above it
     * and the smallest of those, the band's own magnitudes ({@code band[0, inBand)}; {@code inBand < 0}
     * when they overflowed the buffer), and the largest below it.
     */
    record BandTally(int above, float smallestAbove, float[] band, int inBand, float largestBelow) {
    }

    /**
     * The pair of {@link #descendingPair} from the tallies of a band over all parts of the magnitudes,
     * when both values lie in the band or on its edges: PDP's threshold moves little from one step to the
     * next, so a band around the last one usually holds it, and one pass over the magnitudes then finds
     * it with a quickselect of the band alone. Returns null when the pair is not there or a band overflowed:
     * the caller then takes {@link #descendingPair}. Exact whenever it answers.
     */
    static float[] descendingPairInBands(int index, BandTally[] parts) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        int totalAbove = 0;
        int totalBand = 0;
        float smallestAbove = Float.POSITIVE_INFINITY;
        float largestBelow = Float.NEGATIVE_INFINITY;
        for (BandTally part : parts) {
            if (part.inBand() < 0) {
                return null;
            }
            totalAbove += part.above();
            totalBand += part.inBand();
            smallestAbove = Math.min(smallestAbove, part.smallestAbove());
            largestBelow = Math.max(largestBelow, part.largestBelow());
        }
        // descending: the `totalAbove` magnitudes, then the band's, then the rest
        if (index < totalAbove - 1 || index + 1 > totalAbove + totalBand) {
            return null;
        }
        float[] band = new float[totalBand];
        int at = 0;
        for (BandTally part : parts) {
            System.arraycopy(part.band(), 0, band, at, part.inBand());
            at += part.inBand();
        }
        if (index == totalAbove - 1) {
            return new float[] {smallestAbove, max(band, totalBand, largestBelow)};
        }
        return pairAt(band, totalBand - 1 - (index - totalAbove), largestBelow); // ascending rank in the band
    }

    private static void checkIndex(int index, int n) {
        if (index < 0 || index > n - 2) {
            throw new IllegalArgumentException("index must be in [0, " + (n - 2) + "], got " + index);
        }
    }

    /**
     * The {@code rank}-th smallest of {@code candidates} and the value just below it: the largest of the
     * candidates left of it after the select, or {@code below} (the largest value outside them, under all
     * of them) when there is none.
     */
    private static float[] pairAt(float[] candidates, int rank, float below) {
        float at = select(candidates, rank);
        return new float[] {at, max(candidates, rank, below)}; // select left candidates[0, rank) <= at
    }

    /** The largest of {@code values[0, length)} and {@code floor}. */
    private static float max(float[] values, int length, float floor) {
        float max = floor;
        for (int i = 0; i < length; i++) {
            max = Math.max(max, values[i]);
        }
        return max;
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
