package org.prune4j.trainer.bench;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.prune4j.trainer.model.CharTransformer;
import org.prune4j.trainer.model.Masking;
import org.prune4j.trainer.model.Mlp;
import org.prune4j.trainer.model.ModelGraph;

/**
 * A model configuration to time: how to build it, a batch of the right shape, its FLOPs per training
 * step, and the same model for the PyTorch baseline.
 *
 * @param name         as it appears in the report
 * @param batch        examples per step
 * @param build        builds the graph from a seed, with a mask method on its prunable weights
 * @param flopsPerStep forward and backward matmul FLOPs of one step (analytic; elementwise ops excluded)
 * @param pytorchSpec  the model argument of pytorch_step.py
 */
public record BenchModel(String name, int batch, Builder build, double flopsPerStep, String pytorchSpec) {

    /** A model builder: {@code Mlp.build} or {@code CharTransformer.build} with its configuration bound. */
    @FunctionalInterface
    public interface Builder {
        ModelGraph build(long seed, Masking masking);
    }

    /** An MLP {@code sizes[0] -> ... -> sizes[last]}. */
    public static BenchModel mlp(String name, int batch, int... sizes) {
        List<Integer> hidden = new ArrayList<>();
        for (int i = 1; i < sizes.length - 1; i++) {
            hidden.add(sizes[i]);
        }
        double macs = 0;
        for (int i = 0; i + 1 < sizes.length; i++) {
            macs += (double) sizes[i] * sizes[i + 1];
        }
        // forward x.W, backward dW = x^T.dy and dx = dy.W^T for every layer but the first
        double flops = 2.0 * batch * (3 * macs - (double) sizes[0] * sizes[1]);
        StringBuilder spec = new StringBuilder("mlp:");
        for (int i = 0; i < sizes.length; i++) {
            spec.append(i == 0 ? "" : ",").append(sizes[i]);
        }
        return new BenchModel(name, batch, (seed, masking) -> Mlp.build(seed, sizes[0], hidden, sizes[sizes.length - 1], masking), flops,
                spec.toString());
    }

    /** The byte-level transformer. */
    public static BenchModel charTransformer(String name, int batch, CharTransformer.Config c) {
        double tokens = (double) batch * c.context();
        double d = c.dModel();
        // per token: q, k, v, out (4 d^2), FFN (2 d ffn), attention scores and weighted sum (2 context d),
        // plus the one-hot embedding and the head (2 vocabulary d)
        double macsPerToken = c.layers() * (4 * d * d + 2 * d * c.ffn() + 2.0 * c.context() * d)
                + 2.0 * c.vocabulary() * d;
        double flops = 3 * 2 * tokens * macsPerToken;
        String spec = String.format("chargpt:%d,%d,%d,%d,%d,%d", c.layers(), c.dModel(), c.heads(), c.ffn(),
                c.context(), c.vocabulary());
        return new BenchModel(name, batch, (seed, masking) -> CharTransformer.build(seed, c, masking), flops, spec);
    }

    /** A fixed synthetic batch of the model's shape: only the shape matters for the time of a step. */
    public DataSet syntheticBatch(ModelGraph model) {
        long[] inShape = model.graph().getVariable(model.input()).getShape();
        long[] labelShape = model.graph().getVariable(model.label()).getShape();
        DataType inType = model.graph().getVariable(model.input()).dataType();
        if (inType.isIntType()) {
            INDArray ids = Nd4j.randomBernoulli(0.5, batch, inShape[1]).castTo(inType);
            INDArray next = Nd4j.randomBernoulli(0.5, batch, labelShape[1]).castTo(inType);
            return new DataSet(ids, next);
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, inShape[1]);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, labelShape[1]);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % labelShape[1], 1f);
        }
        return new DataSet(x, y);
    }
}
