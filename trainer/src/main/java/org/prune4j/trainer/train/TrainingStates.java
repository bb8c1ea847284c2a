package org.prune4j.trainer.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads and writes the arrays of a {@link LoopState}. The rule that keeps this generic: the graph holds
 * all evolving model state, so every trainable variable and every constant is saved. A pruning method
 * keeps its masks, logits, gates or multipliers there (as variables when they are learned, as constants
 * when it writes them itself) and needs no checkpoint code of its own; constants that never change are
 * saved too, which costs little and restores nothing wrong. What a pruner holds on the host (PDP's
 * layer budgets, MaskLLM's phase) it hands over itself, under {@code pruner/}.
 */
final class TrainingStates {

    private static final String GRAPH = "graph/";
    private static final String OPTIMIZER = "optimizer/";
    private static final String PRUNER = "pruner/";

    private TrainingStates() {
    }

    /** Copies of every array that evolves, by checkpoint name. */
    static Map<String, INDArray> capture(SameDiff sd, ParameterUpdater updater, Pruner pruner) {
        Map<String, INDArray> copies = new LinkedHashMap<>();
        live(sd, updater).forEach((name, array) -> copies.put(name, array.dup()));
        pruner.state(sd).forEach((name, array) -> copies.put(PRUNER + name, array.dup()));
        return copies;
    }

    /**
     * Writes saved arrays into the graph and the updater, in place. Everything is {@linkplain #check
     * checked} first, so a state that does not fit changes nothing.
     */
    static void restore(Map<String, INDArray> saved, SameDiff sd, ParameterUpdater updater, Pruner pruner) {
        check(saved, sd, updater);
        live(sd, updater).forEach((name, array) -> array.assign(saved.get(name)));
        Map<String, INDArray> own = new LinkedHashMap<>();
        saved.forEach((name, array) -> {
            if (name.startsWith(PRUNER)) {
                own.put(name.substring(PRUNER.length()), array);
            }
        });
        try {
            pruner.restore(sd, own);
        } catch (StateMismatchException e) {
            throw e;
        } catch (IllegalArgumentException e) { // a mask method's own check: missing or misshapen entries
            throw new StateMismatchException("the checkpoint's pruner state does not fit this run (" + e.getMessage()
                    + "): was it written by another pruning method, or by prune4j before soft-mask runs could "
                    + "resume?");
        }
    }

    /**
     * Checks, changing nothing, that saved arrays fit the graph and the updater: the same names, shapes
     * and data types (the pruner's own entries are its to check when it restores them).
     *
     * @throws StateMismatchException when they do not
     */
    static void check(Map<String, INDArray> saved, SameDiff sd, ParameterUpdater updater) {
        Map<String, INDArray> live = live(sd, updater);
        Set<String> missing = new TreeSet<>(live.keySet());
        missing.removeAll(saved.keySet());
        Set<String> extra = new TreeSet<>(saved.keySet());
        extra.removeAll(live.keySet());
        extra.removeIf(name -> name.startsWith(PRUNER));
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new StateMismatchException("the checkpoint does not fit this model and optimizer: missing from the "
                    + "checkpoint " + missing + ", not in the model " + extra);
        }
        live.forEach((name, array) -> {
            INDArray s = saved.get(name);
            if (s.dataType() != array.dataType() || !Arrays.equals(s.shape(), array.shape())) {
                throw new StateMismatchException("the checkpoint does not fit this model: " + name + " is "
                        + s.dataType() + Arrays.toString(s.shape()) + " in the checkpoint and " + array.dataType()
                        + Arrays.toString(array.shape()) + " here");
            }
        });
    }

    /** The arrays themselves, by checkpoint name. */
    private static Map<String, INDArray> live(SameDiff sd, ParameterUpdater updater) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE || v.getVariableType() == VariableType.CONSTANT) {
                arrays.put(GRAPH + v.name(), v.getArr());
            }
        }
        updater.state().forEach((name, array) -> arrays.put(OPTIMIZER + name, array));
        return arrays;
    }
}
