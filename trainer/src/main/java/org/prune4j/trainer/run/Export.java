package org.prune4j.trainer.run;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.masks.MagnitudeMasks;

/**
 * Bakes masks into weights: every weight {@code X} with a mask constant {@code X_mask} becomes
 * {@code X * mask}, so the saved model holds its sparsity in the weights themselves (the mask ops stay
 * in the graph and are then the identity on the kept entries).
 */
public final class Export {

    /** A baked weight and its resulting sparsity. */
    public record BakedWeight(String name, long size, long zeros) {
    }

    private static final String MASK_SUFFIX = "_mask";

    private Export() {
    }

    public static List<BakedWeight> bake(SameDiff sd) {
        List<BakedWeight> baked = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            String name = v.name();
            if (v.getVariableType() != VariableType.CONSTANT || !name.endsWith(MASK_SUFFIX)) {
                continue;
            }
            String weightName = name.substring(0, name.length() - MASK_SUFFIX.length());
            if (!sd.hasVariable(weightName)) {
                continue;
            }
            INDArray w = sd.getArrForVarName(weightName);
            w.muli(v.getArr());
            baked.add(new BakedWeight(weightName, w.length(), MagnitudeMasks.zeros(w)));
        }
        return baked;
    }

    /** Saves the graph as SameDiff FlatBuffers, without optimizer state. */
    public static void save(SameDiff sd, File file) {
        sd.save(file, false);
    }
}
