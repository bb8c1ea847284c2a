package org.prune4j.trainer.train;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;
import org.prune4j.masks.HostUpdates;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.recipe.TrainSpec;

/**
 * One optimizer update of a model: the loss and every parameter's gradient in one pass through the
 * graph, then the updater. The unit the training loop repeats and the benchmarks time.
 */
public final class TrainStep {

    private final ModelGraph model;
    private final ParameterUpdater updater;
    private final Double gradientClip;
    private final Pruner pruner;
    /** What the graph's backward pass computes: the parameters, but those the pruner derives on the host, and what it needs. */
    private final List<String> graphGradients;
    /** The parameters the updater trains: all that is left of the gradients once the pruner has used them. */
    private final Set<String> trained;
    private boolean gradientGraphBuilt;

    /** Every variable of the graph trained alike by {@code optimizer}. */
    public TrainStep(ModelGraph model, IUpdater optimizer) {
        this(model, optimizer, Pruner.NONE, null);
    }

    /**
     * Variables trained by {@code optimizer}, each in the first of the pruner's {@link Pruner#parameterGroups}
     * that takes it, through the pruner's latent weights where it has them, with the gradients' global L2 norm
     * clipped to {@code gradientClip} (null: not clipped).
     */
    public TrainStep(ModelGraph model, IUpdater optimizer, Pruner pruner, Double gradientClip) {
        this(model, optimizer, pruner.parameterGroups(), pruner, gradientClip);
    }

    private TrainStep(ModelGraph model, IUpdater optimizer, List<ParameterGroup> groups, Pruner pruner,
                      Double gradientClip) {
        this.model = model;
        this.updater = new ParameterUpdater(model.graph(), optimizer, groups);
        this.pruner = pruner;
        this.gradientClip = gradientClip;
        Set<String> asked = new LinkedHashSet<>(updater.parameters());
        asked.removeAll(pruner.hostGradients());
        asked.addAll(pruner.graphGradientsNeeded());
        this.graphGradients = List.copyOf(asked);
        this.trained = Set.copyOf(updater.parameters());
    }

    /**
     * The step a recipe trains with: its optimizer, {@code train.frozen} variables left alone, the
     * pruner's own parameter groups (MaskLLM's logits at their own learning rate, frozen weights), then
     * every other variable with {@code train.weightDecay}; gradients clipped to {@code train.gradientClip}.
     */
    public static TrainStep of(ModelGraph model, TrainSpec train, Pruner pruner) {
        List<ParameterGroup> groups = new ArrayList<>();
        if (train.frozen() != null) {
            Pattern frozen = Pattern.compile(train.frozen());
            groups.add(ParameterGroup.frozen("train.frozen", name -> frozen.matcher(name).matches()));
        }
        groups.addAll(pruner.parameterGroups());
        groups.add(new ParameterGroup("train", name -> true, false, 1, train.weightDecay()));
        return new TrainStep(model, Optimizers.updater(train), groups, pruner, train.gradientClip());
    }

    /**
     * The batch loss and the graph's gradients, without updating anything: of every parameter, but those
     * the pruner computes on the host, and of what it needs for them (MaskLLM: the weights, not the logits).
     */
    public record Gradients(double loss, Map<String, INDArray> byParameter) {
    }

    /** Runs the update of {@code step} at learning rate {@code lr} and returns the batch loss before it. */
    public double run(DataSet batch, long step, double lr) {
        Gradients g = compute(batch, step, lr);
        apply(g.byParameter(), step, lr);
        return g.loss();
    }

    /** Loss and gradients of one batch ({@code step} and {@code lr} only name a divergence). */
    public Gradients compute(DataSet batch, long step, double lr) {
        OutAndGrad result = gradientGraphBuilt ? gradients(batch) : firstGradients(batch);
        double loss = result.getOutputs().get(model.loss()).getDouble(0);
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("training diverged: loss is " + loss + " at step " + step
                    + " (learning rate " + lr + ")");
        }
        return new Gradients(loss, result.getGradients());
    }

    /**
     * One optimizer update with the given gradients (carried to the pruner's latent weights, clipped, then
     * turned into updates, in place; host gradients may be applied as the pruner computes them).
     */
    public void apply(Map<String, INDArray> graphGradients, long step, double lr) {
        SameDiff sd = model.graph();
        Map<String, INDArray> gradients = new HashMap<>(graphGradients);
        Function<String, INDArray> latent = name -> pruner.latent(sd, name);
        // clipping needs every gradient before any update; without it, the pruner may take host gradients'
        // steps while they are in the cache
        pruner.toLatentGradients(sd, gradients,
                gradientClip == null ? updater.hostUpdates(step, lr, latent) : HostUpdates.NONE);
        gradients.keySet().retainAll(trained); // a frozen variable's gradient has served
        if (gradientClip != null) {
            double norm = GradientClipping.clipGlobalNorm(gradients.values(), gradientClip);
            if (!Double.isFinite(norm)) {
                throw new IllegalStateException("training diverged: the gradients' global norm is " + norm
                        + " at step " + step + " (learning rate " + lr + ")");
            }
        }
        updater.apply(gradients, step, lr, latent);
        pruner.afterUpdate(sd);
    }

    /** The optimizer, for checkpoints to capture and restore its state. */
    ParameterUpdater updater() {
        return updater;
    }

    /** Live views of the optimizer state, {@code param/KEY}: assign into them to restore a state. */
    public Map<String, INDArray> optimizerState() {
        return updater.state();
    }

    /**
     * What one update does to an optimizer-state slot of an entry whose gradient is exactly zero (a
     * pruned weight's, behind its mask): it multiplies it by the float given here, bit for bit, so a
     * driver can replay steps it did not see. Adam: {@code M} by β1 and {@code V} by β2
     * ({@code AdamDecayTest} checks ND4J's arithmetic); empty for an optimizer whose idle steps are not
     * known to be a plain decay.
     */
    public Map<String, Float> idleDecay() {
        return updater.idleDecay();
    }

    /** The trainable variables, in graph order. */
    public List<String> parameters() {
        return updater.parameters();
    }

    private OutAndGrad gradients(DataSet batch) {
        Map<String, INDArray> placeholders =
                Map.of(model.input(), batch.getFeatures(), model.label(), batch.getLabels());
        if (graphGradients.isEmpty()) { // everything frozen: a one-shot method, evaluated as it is
            return new OutAndGrad(model.graph().output(placeholders, model.loss()), Map.of());
        }
        return model.graph().calculateGradientsAndOutputs(placeholders, List.of(model.loss()), graphGradients);
    }

    /**
     * The first call builds the gradient graph, which SameDiff announces op by op on stdout. Muting
     * stdout is global, so first calls are serialised: Spark's local workers share one JVM.
     */
    private OutAndGrad firstGradients(DataSet batch) {
        synchronized (TrainStep.class) {
            PrintStream original = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                OutAndGrad result = gradients(batch);
                gradientGraphBuilt = true;
                return result;
            } finally {
                System.setOut(original);
            }
        }
    }
}
