package org.prune4j.trainer.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * A LeNet-5-style CNN for 28x28 images: conv 5x5x6 (same) - maxpool 2 - conv 5x5x16 - maxpool 2 -
 * fc 400-120 - fc 120-84 - fc 84-10, ReLU throughout. Convolution kernels are {@code [kH, kW, in, out]}.
 */
public final class LeNet5 {

    private static final int SIDE = 28;

    private LeNet5() {
    }

    /** Builds the network with nothing pruned. */
    public static ModelGraph build(long seed, long classes) {
        return build(seed, classes, Masking.none());
    }

    /** Builds the network, each prunable weight masked as {@code masking} says. */
    public static ModelGraph build(long seed, long classes, Masking masking) {
        SameDiff sd = SameDiff.create();
        GraphBuilder gb = new GraphBuilder(sd, seed, masking);
        SDVariable x = sd.placeHolder("input", DataType.FLOAT, -1, SIDE * SIDE);
        SDVariable label = sd.placeHolder("label", DataType.FLOAT, -1, classes);
        SDVariable img = x.reshape(-1, 1, SIDE, SIDE);
        SDVariable c1 = pool(sd, sd.nn().relu(conv(gb, "conv1", img, 1, 6, PaddingMode.SAME), 0));
        SDVariable c2 = pool(sd, sd.nn().relu(conv(gb, "conv2", c1, 6, 16, PaddingMode.VALID), 0));
        SDVariable flat = c2.reshape(-1, 16 * 5 * 5);
        SDVariable f1 = sd.nn().relu(gb.dense("fc1", flat, 400, 120), 0);
        SDVariable f2 = sd.nn().relu(gb.dense("fc2", f1, 120, 84), 0);
        SDVariable logits = gb.dense("fc3", f2, 84, classes).rename("logits");
        sd.loss().softmaxCrossEntropy("loss", label, logits, null);
        sd.setLossVariables("loss");
        return new ModelGraph(sd, "input", "label", "logits", "loss", Task.CLASSIFICATION, gb.prunable());
    }

    private static SDVariable conv(GraphBuilder gb, String layer, SDVariable x, long in, long out, PaddingMode padding) {
        SDVariable w = gb.maskedWeight(layer + "/W", 25 * in, 5, 5, in, out);
        SDVariable b = gb.filled(layer + "/b", 0.0, out);
        Conv2DConfig cfg = Conv2DConfig.builder().kH(5).kW(5).sH(1).sW(1).paddingMode(padding)
                .dataFormat(Conv2DConfig.NCHW).weightsFormat(WeightsFormat.YXIO).build();
        return gb.graph().cnn().conv2d(x, w, b, cfg);
    }

    private static SDVariable pool(SameDiff sd, SDVariable x) {
        return sd.cnn().maxPooling2d(x, Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).isNHWC(false).build());
    }
}
