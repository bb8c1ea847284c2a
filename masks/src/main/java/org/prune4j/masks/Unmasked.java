package org.prune4j.masks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@link MaskMethod} of weights nothing prunes (a dense run, or the weights a recipe leaves out):
 * the graph uses {@code W} itself, with no multiply by a mask, and keeps the all-ones {@code W_mask}
 * constant beside it only so that every prunable weight looks the same to checkpoints, exporters and
 * Spark's mask digests. The multiply by ones cost a dense MLP step about 5%, for nothing.
 */
public final class Unmasked implements MaskMethod {

    private final Map<String, long[]> weights = new LinkedHashMap<>();

    @Override
    public void validate(String weight, long[] shape) {
    }

    @Override
    public SDVariable apply(SameDiff sd, SDVariable weight) {
        MaskedWeights.register(weights, weight);
        HardMask.create(sd, weight);
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

    @Override
    public Map<String, INDArray> hardMasks(SameDiff sd) {
        return HardMask.copies(sd, weights.keySet());
    }

    @Override
    public Map<String, INDArray> state(SameDiff sd) {
        return MaskedWeights.copyConstants(sd, weights.keySet(), HardMask.SUFFIX);
    }

    @Override
    public void restore(SameDiff sd, Map<String, INDArray> state) {
        MaskedWeights.restoreConstants(sd, state, weights.keySet(), HardMask.SUFFIX);
    }
}
