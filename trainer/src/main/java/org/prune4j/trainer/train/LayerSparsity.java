package org.prune4j.trainer.train;

/**
 * The sparsity of one pruned weight, measured on the effective weight {@code W * mask}.
 *
 * @param name          the weight's name, e.g. {@code fc1/W}
 * @param size          its number of entries
 * @param zeros         exact zeros of the effective weight
 * @param target        the sparsity the schedule asked for at this step
 * @param nmViolations  groups holding more than N non-zeros (0 when no N:M pattern is set)
 */
public record LayerSparsity(String name, long size, long zeros, double target, long nmViolations) {

    public double realized() {
        return size == 0 ? 0 : (double) zeros / size;
    }

    /** Zeros over size across layers: the sparsity of the selected weights taken together. */
    public static double overall(Iterable<LayerSparsity> layers) {
        long size = 0;
        long zeros = 0;
        for (LayerSparsity l : layers) {
            size += l.size;
            zeros += l.zeros;
        }
        return size == 0 ? 0 : (double) zeros / size;
    }
}
