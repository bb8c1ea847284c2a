package org.prune4j.masks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Book-keeping the mask methods share: which weights they mask, and their graph constants as state. */
final class MaskedWeights {

    private MaskedWeights() {
    }

    /** Records {@code weight} (in graph order) with its shape; each weight is applied once. */
    static void register(Map<String, long[]> weights, SDVariable weight) {
        if (weights.putIfAbsent(weight.name(), weight.getArr().shape()) != null) {
            throw new IllegalStateException(weight.name() + " is masked already: apply each weight once");
        }
    }

    /** The mask of one weight computed from the live state: (weight, its {@code W_mask}, graph). */
    @FunctionalInterface
    interface LiveMask {
        INDArray of(String weight, INDArray current, SameDiff sd);
    }

    /**
     * Every weight's hard mask, in order: a copy of {@code W_mask} where {@code frozen} says so (before
     * a method starts, after it hardens), else what {@code live} computes now.
     */
    static Map<String, INDArray> hardMasks(SameDiff sd, Iterable<String> weights, Predicate<String> frozen,
                                           LiveMask live) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String w : weights) {
            INDArray current = HardMask.of(sd, w);
            out.put(w, frozen.test(w) ? current.dup() : live.of(w, current, sd));
        }
        return out;
    }

    /** Copies of the constants {@code weight + suffix} of every weight, for every suffix, keyed by name. */
    static Map<String, INDArray> copyConstants(SameDiff sd, Iterable<String> weights, String... suffixes) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String w : weights) {
            for (String suffix : suffixes) {
                out.put(w + suffix, sd.getArrForVarName(w + suffix).dup());
            }
        }
        return out;
    }

    /** Writes the arrays {@link #copyConstants} returned back into the graph, checking names and shapes. */
    static void restoreConstants(SameDiff sd, Map<String, INDArray> state, Iterable<String> weights,
                                 String... suffixes) {
        for (String w : weights) {
            for (String suffix : suffixes) {
                INDArray target = sd.getArrForVarName(w + suffix);
                target.assign(required(state, w + suffix, target.shape()));
            }
        }
    }

    /** The state array {@code name}, which must exist with this shape. */
    static INDArray required(Map<String, INDArray> state, String name, long[] shape) {
        INDArray a = state.get(name);
        if (a == null) {
            throw new IllegalArgumentException("state must contain " + name + ", got " + state.keySet());
        }
        if (!Arrays.equals(a.shape(), shape)) {
            throw new IllegalArgumentException("state " + name + " must have shape " + Arrays.toString(shape)
                    + ", got " + Arrays.toString(a.shape()));
        }
        return a;
    }
}
