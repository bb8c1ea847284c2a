package org.prune4j.masks;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Magnitude masking, the {@link MaskMethod} of gradual magnitude pruning (Zhu &amp; Gupta): the
 * effective weight is {@code W * W_mask}, and each {@link #update} recomputes every mask from
 * {@code |W * W_mask|} at the given target (so a pruned weight scores 0 and stays pruned), with exact
 * counts in the chosen {@link Structure}, and zeroes the pruned weights.
 */
public final class MagnitudeMask extends HardMaskMethod {

    private final Structure structure;
    private boolean hardened;

    public MagnitudeMask(Structure structure) {
        if (structure == null) {
            throw new IllegalArgumentException("structure must be given, got null");
        }
        this.structure = structure;
    }

    @Override
    public void validate(String weight, long[] shape) {
        structure.validate(weight, shape);
    }

    @Override
    public SDVariable apply(SameDiff sd, SDVariable weight) {
        return weight.mul(weight.name() + "_masked", register(sd, weight));
    }

    @Override
    public void update(SameDiff sd, StepTargets targets) {
        if (hardened) {
            throw new IllegalStateException("update after harden: the masks are frozen");
        }
        for (String w : weights.keySet()) {
            INDArray score = sd.getArrForVarName(w).mul(HardMask.of(sd, w));
            HardMask.set(sd, w, structure.hardMask(score, targets.sparsityOf(w)));
        }
    }

    /** The masks are hard already; this freezes them. */
    @Override
    public void harden(SameDiff sd) {
        hardened = true;
    }
}
