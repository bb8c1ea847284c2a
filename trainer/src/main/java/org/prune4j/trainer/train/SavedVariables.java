package org.prune4j.trainer.train;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Predicate;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Variables moved between graphs through SameDiff files: a pruning run starting from a dense
 * pretraining ({@code model.initFrom}), and MaskLLM's mask transfer (its learned logits saved in one run,
 * loaded in another).
 */
public final class SavedVariables {

    private SavedVariables() {
    }

    /** Saves the VARIABLEs of {@code sd} that {@code which} accepts (copies) as a graph of their own. */
    public static int save(SameDiff sd, Predicate<String> which, Path file) {
        SameDiff out = SameDiff.create();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE && which.test(v.name())) {
                out.var(v.name(), v.getArr().dup());
            }
        }
        out.save(file.toFile(), false);
        return out.variables().size();
    }

    /**
     * Copies into {@code target} the value of every VARIABLE of the saved graph {@code file} that
     * {@code which} accepts; each must exist in {@code target} with the same shape.
     *
     * @return how many were copied
     * @throws IllegalArgumentException for a missing file, a variable {@code target} lacks or a shape
     *                                  that differs, or when nothing was copied
     */
    public static int load(Path file, Predicate<String> which, SameDiff target) {
        File f = file.toFile();
        if (!f.isFile()) {
            throw new IllegalArgumentException("saved graph must be a file, got " + file);
        }
        SameDiff saved = SameDiff.load(f, false);
        int copied = 0;
        for (SDVariable v : saved.variables()) {
            if (v.getVariableType() != VariableType.VARIABLE || !which.test(v.name())) {
                continue;
            }
            if (!target.hasVariable(v.name())) {
                throw new IllegalArgumentException(file + ": variable " + v.name() + " must exist in this model");
            }
            INDArray into = target.getArrForVarName(v.name());
            if (!Arrays.equals(into.shape(), v.getArr().shape())) {
                throw new IllegalArgumentException(file + ": variable " + v.name() + " must have shape "
                        + Arrays.toString(into.shape()) + ", got " + Arrays.toString(v.getArr().shape()));
            }
            into.assign(v.getArr());
            copied++;
        }
        if (copied == 0) {
            throw new IllegalArgumentException(file + " must hold at least one wanted variable, got none");
        }
        return copied;
    }
}
