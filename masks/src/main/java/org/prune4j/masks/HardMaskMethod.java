package org.prune4j.masks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link MaskMethod} whose whole state is the hard-mask constants {@code W_mask} of its weights
 * (magnitude pruning, and the weights nothing prunes): their hard masks are those constants, and
 * checkpoints copy them.
 */
abstract class HardMaskMethod implements MaskMethod {

    /** The weights applied so far, in graph order, with their shapes. */
    final Map<String, long[]> weights = new LinkedHashMap<>();

    /** Records {@code weight} and adds its all-ones {@code W_mask}, which it returns. */
    SDVariable register(SameDiff sd, SDVariable weight) {
        MaskedWeights.register(weights, weight);
        return HardMask.create(sd, weight);
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
