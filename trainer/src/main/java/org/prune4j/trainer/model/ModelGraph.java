package org.prune4j.trainer.model;

import java.util.List;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A built model: the graph, the names of its placeholders and outputs, and its prunable weights in
 * graph order.
 *
 * @param graph    the SameDiff graph, loss variable already set
 * @param input    placeholder for a batch of inputs
 * @param label    placeholder for a batch of labels
 * @param logits   unnormalised scores, {@code [batch, classes]} or {@code [batch*context, vocabulary]}
 * @param loss     scalar mean loss
 * @param task     what the model predicts
 * @param prunable every weight that passes through a mask
 */
public record ModelGraph(
        SameDiff graph, String input, String label, String logits, String loss, Task task,
        List<PrunableWeight> prunable) {

    public ModelGraph {
        prunable = List.copyOf(prunable);
    }

    /** Total number of parameters (trainable variables); masks and latent weights are constants. */
    public long parameterCount() {
        return graph.variables().stream()
                .filter(v -> v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE)
                .mapToLong(v -> v.getArr().length())
                .sum();
    }
}
