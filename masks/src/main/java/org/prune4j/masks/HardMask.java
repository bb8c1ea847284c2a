package org.prune4j.masks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The hard-mask constant {@code W_mask} every {@link MaskMethod} keeps beside weight {@code W}: all
 * ones until something is pruned, written only on the host.
 */
final class HardMask {

    /** The suffix that names a weight's hard mask; exporters bake {@code X * X_mask} into {@code X}. */
    static final String SUFFIX = "_mask";

    private HardMask() {
    }

    /** Adds the all-ones constant {@code weight + "_mask"} of the weight's shape and type. */
    static SDVariable create(SameDiff sd, SDVariable weight) {
        INDArray ones = Nd4j.ones(weight.dataType(), weight.getArr().shape());
        return sd.constant(weight.name() + SUFFIX, ones);
    }

    /** The current hard mask of {@code weight}. */
    static INDArray of(SameDiff sd, String weight) {
        return sd.getArrForVarName(weight + SUFFIX);
    }

    /** Copies of the hard masks of {@code weights}, by weight name, in their order. */
    static Map<String, INDArray> copies(SameDiff sd, Iterable<String> weights) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        weights.forEach(w -> out.put(w, of(sd, w).dup()));
        return out;
    }

    /** Makes {@code mask} the hard mask of {@code weight} and zeroes the weight where it is 0. */
    static void set(SameDiff sd, String weight, INDArray mask) {
        of(sd, weight).assign(mask);
        sd.getArrForVarName(weight).muli(of(sd, weight));
    }
}
