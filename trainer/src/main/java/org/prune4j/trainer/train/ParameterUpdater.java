package org.prune4j.trainer.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Applies an ND4J updater (Adam, Nesterov SGD) to every trainable variable of a graph, keeping the
 * optimizer state here rather than inside SameDiff's {@code fit}. Owning the update step is what lets
 * the trainer read the loss and gradients of a step in one pass, set the learning rate of each step,
 * checkpoint the optimizer state, and (later) average gradients across workers. The updaters keep no
 * counter of their own: the step is passed in, so their state arrays are all there is to save.
 */
final class ParameterUpdater {

    private final SameDiff sd;
    private final IUpdater config;
    private final Map<String, GradientUpdater<?>> updaters = new LinkedHashMap<>();

    ParameterUpdater(SameDiff sd, IUpdater config) {
        this.sd = sd;
        this.config = config;
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                INDArray param = v.getArr();
                long stateSize = config.stateSize(param.length());
                INDArray state = stateSize == 0 ? null : Nd4j.zeros(DataType.FLOAT, 1, stateSize);
                updaters.put(v.name(), config.instantiate(state, true));
            }
        }
    }

    /** The trainable variables, in graph order. */
    List<String> parameters() {
        return List.copyOf(updaters.keySet());
    }

    /**
     * The optimizer state, live (not copied): one array per parameter and slot, named
     * {@code parameter/slot} ({@code fc1/W/M} and {@code fc1/W/V} for Adam's moments, {@code fc1/W/V}
     * for Nesterov's velocity).
     */
    Map<String, INDArray> state() {
        Map<String, INDArray> state = new TreeMap<>();
        updaters.forEach((param, u) -> {
            Map<String, INDArray> slots = u.getState();
            if (slots != null) {
                slots.forEach((slot, array) -> state.put(param + "/" + slot, array));
            }
        });
        return state;
    }

    /** One update: {@code param -= updater(gradient)} for every parameter, at learning rate {@code lr}. */
    void apply(Map<String, INDArray> gradients, long step, double lr) {
        Optimizers.setLearningRate(config, lr);
        int iteration = Math.toIntExact(step);
        for (Map.Entry<String, GradientUpdater<?>> e : updaters.entrySet()) {
            INDArray gradient = gradients.get(e.getKey());
            if (gradient == null) {
                continue; // a variable the loss does not depend on
            }
            e.getValue().applyUpdater(gradient, iteration, 0); // turns the gradient into the update, in place
            sd.getArrForVarName(e.getKey()).subi(gradient);
        }
    }
}
