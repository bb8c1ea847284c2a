package org.prune4j.trainer.train;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.prune4j.masks.HostUpdates;

/**
 * Applies an ND4J updater (Adam, Nesterov SGD) to every trainable variable of a graph, keeping the
 * optimizer state here rather than inside SameDiff's {@code fit}. Owning the update step is what lets
 * the trainer read the loss and gradients of a step in one pass, set the learning rate of each step,
 * give {@link ParameterGroup}s their own learning rate and weight decay or freeze them, average
 * gradients across workers and checkpoint the optimizer state. The updaters keep no counter of their
 * own: the step is passed in, so their state arrays are all there is to save.
 */
final class ParameterUpdater {

    private static final ParameterGroup DEFAULT = new ParameterGroup("default", name -> true, false, 1, 0);

    /** One trainable variable: its group, the group's updater config, and its own optimizer state. */
    private record Slot(ParameterGroup group, IUpdater config, GradientUpdater<?> updater) {
    }

    private final SameDiff sd;
    private final IUpdater config;
    private final Map<ParameterGroup, IUpdater> configs = new IdentityHashMap<>();
    private final Map<String, Slot> slots = new LinkedHashMap<>();

    ParameterUpdater(SameDiff sd, IUpdater config) {
        this(sd, config, List.of());
    }

    /** Every VARIABLE of {@code sd} in the first of {@code groups} that takes it, else in the default group. */
    ParameterUpdater(SameDiff sd, IUpdater config, List<ParameterGroup> groups) {
        this.sd = sd;
        this.config = config;
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() != VariableType.VARIABLE) {
                continue;
            }
            ParameterGroup group = groups.stream().filter(g -> g.members().test(v.name())).findFirst().orElse(DEFAULT);
            if (group.frozen()) {
                continue;
            }
            IUpdater own = configs.computeIfAbsent(group, g -> config.clone()); // the updater reads its lr here
            long stateSize = own.stateSize(v.getArr().length());
            INDArray state = stateSize == 0 ? null : Nd4j.zeros(DataType.FLOAT, 1, stateSize);
            slots.put(v.name(), new Slot(group, own, own.instantiate(state, true)));
        }
    }

    /**
     * {@code slot}'s Adam step of {@code param} on the host, range by range ({@link HostAdam}: ND4J's op is
     * several times slower); null where the optimizer is not Adam or an array is not a plain float array.
     */
    private static HostUpdates.RangeStep hostAdam(Slot slot, int iteration, double decay, INDArray param) {
        if (!(slot.config() instanceof Adam adam)) {
            return null;
        }
        Map<String, INDArray> moments = slot.updater().getState();
        return HostAdam.rangeStep(adam, iteration, decay, param, moments.get("M"), moments.get("V"));
    }

    /** The trainable variables, in graph order: the ones the loop asks gradients for. */
    List<String> parameters() {
        return List.copyOf(slots.keySet());
    }

    /**
     * The optimizer state, live (not copied): one array per trainable parameter and slot, named
     * {@code parameter/slot} ({@code fc1/W/M} and {@code fc1/W/V} for Adam's moments, {@code fc1/W/V}
     * for Nesterov's velocity). Frozen parameters have none.
     */
    Map<String, INDArray> state() {
        Map<String, INDArray> state = new TreeMap<>();
        slots.forEach((param, slot) -> {
            Map<String, INDArray> arrays = slot.updater().getState();
            if (arrays != null) {
                arrays.forEach((name, array) -> state.put(param + "/" + name, array));
            }
        });
        return state;
    }

    /** See {@link TrainStep#idleDecay()}: every group's updater is a clone of the one config, its rate aside. */
    Map<String, Float> idleDecay() {
        return config instanceof Adam a ? Map.of("M", (float) a.getBeta1(), "V", (float) a.getBeta2()) : Map.of();
    }

    /**
     * One update of every trainable variable at its group's learning rate {@code lr × scale}: decoupled
     * weight decay first, then {@code param -= updater(gradient)}.
     */
    void apply(Map<String, INDArray> gradients, long step, double lr) {
        apply(gradients, step, lr, name -> null);
    }

    /** As {@link #apply(Map, long, double)}, updating {@code latent.apply(name)} in place of a variable where it is not null. */
    void apply(Map<String, INDArray> gradients, long step, double lr, Function<String, INDArray> latent) {
        setLearningRates(lr);
        int iteration = Math.toIntExact(step);
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            INDArray gradient = gradients.get(e.getKey());
            if (gradient == null) {
                continue; // a variable the loss does not depend on, or one updated through hostUpdates
            }
            INDArray param = param(e.getKey(), latent);
            Slot slot = e.getValue();
            double decay = decay(slot.group(), lr);
            HostUpdates.RangeStep host = hostAdam(slot, iteration, decay, param);
            if (host == null || !HostAdam.run(host, gradient)) {
                if (decay != 1) {
                    param.muli(decay);
                }
                slot.updater().applyUpdater(gradient, iteration, 0); // turns the gradient into the update, in place
                param.subi(gradient);
            }
        }
    }

    /**
     * The update {@link #apply} would make, offered range by range to a mask method that computes a
     * gradient on the host ({@link HostUpdates}): for float parameters under Adam, the same bits; none for
     * other optimizers; a frozen parameter is not trained. A parameter updated through it must be left out
     * of the next {@link #apply}.
     */
    HostUpdates hostUpdates(long step, double lr, Function<String, INDArray> latent) {
        setLearningRates(lr);
        int iteration = Math.toIntExact(step);
        return new HostUpdates() {
            @Override
            public HostUpdates.RangeStep of(String name) {
                Slot slot = slots.get(name);
                return slot == null ? null : hostAdam(slot, iteration, decay(slot.group(), lr), param(name, latent));
            }

            @Override
            public boolean trains(String name) {
                return slots.containsKey(name);
            }
        };
    }

    private void setLearningRates(double lr) {
        configs.forEach((group, config) -> Optimizers.setLearningRate(config, lr * group.learningRateScale()));
    }

    /** The array the optimizer updates for {@code name}: its latent weight where it has one, else the variable. */
    private INDArray param(String name, Function<String, INDArray> latent) {
        INDArray own = latent.apply(name);
        return own != null ? own : sd.getArrForVarName(name);
    }

    /** The factor of decoupled weight decay of {@code group}'s parameters at learning rate {@code lr}: 1 for none. */
    private static double decay(ParameterGroup group, double lr) {
        return group.weightDecay() > 0 ? 1 - lr * group.learningRateScale() * group.weightDecay() : 1;
    }
}
