package org.prune4j.masks;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The {@link MaskMethod} of weights nothing prunes (a dense run, or the weights a recipe leaves out):
 * the graph uses {@code W} itself, with no multiply by a mask, and keeps the all-ones {@code W_mask}
 * constant beside it only so that every prunable weight looks the same to checkpoints, exporters and
 * Spark's mask digests. The multiply by ones cost a dense MLP step about 5%, for nothing.
 */
public final class Unmasked extends HardMaskMethod {

    @Override
    public void validate(String weight, long[] shape) {
    }

    @Override
    public SDVariable apply(SameDiff sd, SDVariable weight) {
        register(sd, weight);
        return weight;
    }

    /** @throws IllegalStateException always: these weights are not pruned */
    @Override
    public void update(SameDiff sd, StepTargets targets) {
        throw new IllegalStateException("update of unmasked weights " + weights.keySet() + ": nothing prunes them");
    }

    @Override
    public void harden(SameDiff sd) {
    }
}
