package org.prune4j.masks;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A graph holding one weight {@code layer/W} passed through a mask method, and a scalar
 * {@code loss = sum(Ŵ * R)} for a fixed R, so that {@code dloss/dW = R * dŴ/dW} entry by entry. For a
 * method that keeps the trained weight apart ({@link MaskMethod#latent}), W is that weight and the
 * variable holds Ŵ.
 */
final class OneWeightGraph {

    static final String W = "layer/W";

    final SameDiff sd = SameDiff.create();
    final MaskMethod method;

    OneWeightGraph(MaskMethod method, INDArray weight, INDArray r) {
        this.method = method;
        SDVariable w = sd.var(W, weight.dup()); // a method may write into the variable: the caller keeps its array
        method.validate(W, weight.shape());
        SDVariable masked = method.apply(sd, w);
        sd.constant("R", r.castTo(weight.dataType()));
        masked.mul(sd.getVariable("R")).sum("loss");
        sd.setLossVariables("loss");
    }

    /** With R = 1: the loss is the sum of the effective weights. */
    OneWeightGraph(MaskMethod method, INDArray weight) {
        this(method, weight, Nd4j.onesLike(weight));
    }

    static INDArray array(double[] values, DataType type, long... shape) {
        return Nd4j.create(values, shape, 'c').castTo(type);
    }

    void update(double sparsity) {
        method.update(sd, new StepTargets(0, Map.of(W, sparsity)));
    }

    /** The trained weight: the method's latent weight once it has one, else the variable. */
    INDArray weight() {
        INDArray latent = method.latent(sd, W);
        return latent != null ? latent : sd.getArrForVarName(W);
    }

    INDArray output(String name) {
        return sd.output(Map.of(), name).get(name);
    }

    /** MaskLLM's soft mask M̃ of the last update. */
    INDArray soft() {
        return ((MaskLlmMask) method).softMask(sd, W);
    }

    /** The effective weight Ŵ: the {@code W_masked} op, or the variable where the method writes Ŵ itself. */
    INDArray masked() {
        return sd.hasVariable(W + "_masked") ? output(W + "_masked") : sd.getArrForVarName(W).dup();
    }

    double loss() {
        return output("loss").getDouble(0);
    }

    /** d loss / d W: SameDiff's backward pass, then the method's chain rule to the trained weight. */
    INDArray gradient() {
        Map<String, INDArray> gradients = new HashMap<>(sd.calculateGradients(Map.of(), W));
        method.toLatentGradients(sd, gradients, HostUpdates.NONE);
        return gradients.get(W);
    }
}
