package org.prune4j.trainer.train;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.prune4j.schedules.Schedule;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.recipe.TrainSpec;

/**
 * The single-JVM loop. Step t (t updates applied so far) uses the masks due at t, the learning rate of
 * t and the batch of t for one optimizer update. Masks due at t are applied as soon as update t-1 is
 * done, so what is logged after t updates includes them, and an event scheduled exactly at
 * {@code steps} still applies: the target is always reached.
 */
public final class TrainingLoop {

    /** What a finished run measured. */
    public record Result(
            double finalTrainLoss, double finalMetric, List<LayerSparsity> layers, double wallSeconds,
            double samplesPerSecond) {
    }

    private TrainingLoop() {
    }

    public static Result run(ModelGraph model, TrainSpec train, BatchSource batches, Evaluator evaluator,
                             Pruner pruner, TrainingListener listener) {
        SameDiff sd = model.graph();
        ParameterUpdater updater = new ParameterUpdater(sd, Optimizers.updater(train), groups(train, pruner));
        Schedule learningRate = Optimizers.learningRate(train);
        long started = System.nanoTime();
        long windowStarted = started;
        double windowLoss = 0;
        int windowSteps = 0;
        double lastWindowLoss = Double.NaN;
        int steps = train.steps();
        pruner.pruneIfDue(0, sd);
        for (int step = 0; step < steps; step++) {
            double lr = learningRate.valueAt(step);
            DataSet batch = batches.batch(step);
            // the first step builds the gradient graph, which SameDiff announces op by op on stdout
            OutAndGrad result = step == 0 ? withoutStdout(() -> gradients(model, updater, batch))
                    : gradients(model, updater, batch);
            double loss = result.getOutputs().get(model.loss()).getDouble(0);
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("training diverged: loss is " + loss + " at step " + step
                        + " (learning rate " + lr + ")");
            }
            updater.apply(result.getGradients(), step, lr);
            windowLoss += loss;
            windowSteps++;
            int done = step + 1;
            pruner.pruneIfDue(done, sd); // masks due at step `done` apply to the update of step `done`
            listener.onStep(done, steps, loss);
            if (done % train.logEvery() == 0 || done == steps) {
                long now = System.nanoTime();
                double sps = windowSteps * (double) batches.batchSize() / ((now - windowStarted) / 1e9);
                List<LayerSparsity> layers = pruner.measure(done, sd);
                lastWindowLoss = windowLoss / windowSteps;
                listener.onMetrics(new StepMetrics(done, lastWindowLoss, lr, pruner.targetAt(done),
                        LayerSparsity.overall(layers), sps, layers));
                windowLoss = 0;
                windowSteps = 0;
                windowStarted = System.nanoTime();
            }
            if (done % train.evalEvery() == 0 && done != steps) {
                listener.onEvaluation(done, evaluator.metric(), evaluator.evaluate(model));
            }
        }
        double wall = (System.nanoTime() - started) / 1e9;
        double metric = evaluator.evaluate(model);
        listener.onEvaluation(steps, evaluator.metric(), metric);
        return new Result(lastWindowLoss, metric, pruner.measure(steps, sd), wall,
                (double) steps * batches.batchSize() / wall);
    }

    /** The loss and the gradient of every trainable parameter on one batch, in one pass. */
    private static OutAndGrad gradients(ModelGraph model, ParameterUpdater updater, DataSet batch) {
        Map<String, INDArray> placeholders = Map.of(model.input(), batch.getFeatures(), model.label(), batch.getLabels());
        if (updater.parameters().isEmpty()) { // everything frozen: a one-shot method, evaluated as it is
            return new OutAndGrad(model.graph().output(placeholders, model.loss()), Map.of());
        }
        return model.graph().calculateGradientsAndOutputs(placeholders, List.of(model.loss()), updater.parameters());
    }

    /** {@code train.frozen} first, then the pruning method's own groups (MaskLLM's logits, frozen weights). */
    private static List<ParameterGroup> groups(TrainSpec train, Pruner pruner) {
        List<ParameterGroup> groups = new ArrayList<>();
        if (train.frozen() != null) {
            Pattern frozen = Pattern.compile(train.frozen());
            groups.add(ParameterGroup.frozen("train.frozen", name -> frozen.matcher(name).matches()));
        }
        groups.addAll(pruner.parameterGroups());
        return groups;
    }

    private static <T> T withoutStdout(Supplier<T> work) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return work.get();
        } finally {
            System.setOut(original);
        }
    }
}
