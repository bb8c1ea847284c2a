package org.prune4j.trainer.model;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/** A ReLU multilayer perceptron; {@code hidden = [300, 100]} is LeNet-300-100. */
public final class Mlp {

    private Mlp() {
    }

    /** Builds {@code inputs -> hidden... -> classes} with layers named fc1, fc2, ..., nothing pruned. */
    public static ModelGraph build(long seed, long inputs, List<Integer> hidden, long classes) {
        return build(seed, inputs, hidden, classes, Masking.none());
    }

    /** As {@link #build(long, long, List, long)}, each prunable weight masked as {@code masking} says. */
    public static ModelGraph build(long seed, long inputs, List<Integer> hidden, long classes, Masking masking) {
        SameDiff sd = SameDiff.create();
        GraphBuilder gb = new GraphBuilder(sd, seed, masking);
        SDVariable x = sd.placeHolder("input", DataType.FLOAT, -1, inputs);
        SDVariable label = sd.placeHolder("label", DataType.FLOAT, -1, classes);
        long width = inputs;
        SDVariable h = x;
        int layer = 1;
        for (int next : hidden) {
            h = sd.nn().relu(gb.dense("fc" + layer++, h, width, next), 0);
            width = next;
        }
        SDVariable logits = gb.dense("fc" + layer, h, width, classes).rename("logits");
        sd.loss().softmaxCrossEntropy("loss", label, logits, null);
        sd.setLossVariables("loss");
        return new ModelGraph(sd, "input", "label", "logits", "loss", Task.CLASSIFICATION, gb.prunable());
    }
}
