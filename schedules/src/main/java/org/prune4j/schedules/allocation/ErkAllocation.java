package org.prune4j.schedules.allocation;

import java.util.List;

/**
 * Erdos-Renyi-Kernel layer densities (Evci et al., "Rigging the Lottery", arXiv 1911.11134; code
 * google-research/rigl {@code rigl/sparse_utils.py get_sparsities_erdos_renyi}, commit 112a9bfb):
 * layer {@code l} keeps a fraction {@code eps * sum(shape_l) / prod(shape_l)} of its weights, with one
 * {@code eps} chosen so that the layers together keep exactly {@code 1 - overall} of their weights.
 *
 * <p>Why: a layer's share of connections then scales with its fan-in plus fan-out rather than its
 * size, so small layers (first and last, typically) stay denser and large ones absorb the pruning,
 * which at high sparsity beats pruning every layer alike.
 *
 * <p>A small layer's density can come out above 1. As in RigL, the layers with the largest raw score
 * are then made dense, their weights are taken out of the budget, and {@code eps} is solved again for
 * the rest, until no density exceeds 1. Unlike RigL, the budget is {@code (1 - overall) * size}
 * exactly rather than after flooring the zero count: the masks round each layer's count anyway.
 */
public final class ErkAllocation {

    private ErkAllocation() {
    }

    /** The sparsity of each layer, in the order of {@code shapes}; 0 for the layers made dense. */
    public static double[] sparsities(List<long[]> shapes, double overall) {
        if (!(overall >= 0 && overall < 1)) {
            throw new IllegalArgumentException("overall must be in [0, 1), got " + overall);
        }
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("shapes must name at least one layer, got none");
        }
        int n = shapes.size();
        double[] size = new double[n];
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            long[] shape = shapes.get(i);
            double sum = 0;
            double product = 1;
            for (long d : shape) {
                if (d < 1) {
                    throw new IllegalArgumentException("shapes[" + i + "] must have dimensions >= 1, got " + d);
                }
                sum += d;
                product *= d;
            }
            size[i] = product;
            raw[i] = sum / product;
        }
        boolean[] dense = new boolean[n];
        while (true) {
            double budget = 0; // weights the non-dense layers may keep
            double divisor = 0;
            double maxRaw = 0;
            for (int i = 0; i < n; i++) {
                budget += (1 - overall) * size[i];
                if (dense[i]) {
                    budget -= size[i];
                } else {
                    divisor += raw[i] * size[i];
                    maxRaw = Math.max(maxRaw, raw[i]);
                }
            }
            if (divisor == 0) {
                return new double[n]; // every layer dense: only possible when overall is 0
            }
            double eps = budget / divisor;
            if (eps * maxRaw <= 1) {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = dense[i] ? 0 : 1 - eps * raw[i];
                }
                return out;
            }
            for (int i = 0; i < n; i++) {
                if (!dense[i] && raw[i] == maxRaw) {
                    dense[i] = true;
                }
            }
        }
    }
}
