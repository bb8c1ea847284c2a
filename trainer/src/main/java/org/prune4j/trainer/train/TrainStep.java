package org.prune4j.trainer.train;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;
import org.prune4j.trainer.model.ModelGraph;

/**
 * One optimizer update of a model: the loss and every parameter's gradient in one pass through the
 * graph, then the updater. The unit the training loop repeats and the benchmarks time.
 */
public final class TrainStep {

    private final ModelGraph model;
    private final ParameterUpdater updater;
    private boolean gradientGraphBuilt;

    public TrainStep(ModelGraph model, IUpdater optimizer) {
        this.model = model;
        this.updater = new ParameterUpdater(model.graph(), optimizer);
    }

    /** The batch loss and the gradient of every parameter, without updating anything. */
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

    /** One optimizer update with the given gradients (turned into updates in place). */
    public void apply(Map<String, INDArray> gradients, long step, double lr) {
        updater.apply(gradients, step, lr);
    }

    /** The optimizer, for checkpoints to capture and restore its state. */
    ParameterUpdater updater() {
        return updater;
    }

    /** Live views of the optimizer state, {@code param/KEY}: assign into them to restore a state. */
    public Map<String, INDArray> optimizerState() {
        return updater.state();
    }

    /** The trainable variables, in graph order. */
    public java.util.List<String> parameters() {
        return updater.parameters();
    }

    private OutAndGrad gradients(DataSet batch) {
        Map<String, INDArray> placeholders =
                Map.of(model.input(), batch.getFeatures(), model.label(), batch.getLabels());
        return model.graph().calculateGradientsAndOutputs(placeholders, List.of(model.loss()), updater.parameters());
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
