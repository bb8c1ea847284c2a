package org.prune4j.trainer.train;

import java.util.Collection;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Global-norm gradient clipping, with PyTorch's {@code clip_grad_norm_} arithmetic. */
final class GradientClipping {

    /** PyTorch's guard against a zero norm. */
    private static final double EPSILON = 1e-6;

    private GradientClipping() {
    }

    /**
     * Scales every gradient by {@code maxNorm / (norm + 1e-6)} when that is below 1, where {@code norm}
     * is the L2 norm of all of them together; returns that norm (before clipping). A norm that is not
     * finite leaves the gradients as they are, for the caller to report the divergence.
     */
    static double clipGlobalNorm(Collection<INDArray> gradients, double maxNorm) {
        double sumOfSquares = 0;
        for (INDArray g : gradients) {
            double norm = g.norm2Number().doubleValue();
            sumOfSquares += norm * norm;
        }
        double norm = Math.sqrt(sumOfSquares);
        double coefficient = maxNorm / (norm + EPSILON);
        if (Double.isFinite(norm) && coefficient < 1) {
            for (INDArray g : gradients) {
                g.muli(coefficient);
            }
        }
        return norm;
    }
}
