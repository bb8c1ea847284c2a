package org.prune4j.trainer.run;

import org.prune4j.trainer.model.CharTransformer;
import org.prune4j.trainer.model.LeNet5;
import org.prune4j.trainer.model.Masking;
import org.prune4j.trainer.model.Mlp;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.recipe.ModelSpec;

/** Builds the model a recipe names. */
public final class Models {

    /** Image side and classes of MNIST and Fashion-MNIST. */
    public static final int IMAGE_PIXELS = 28 * 28;
    public static final int CLASSES = 10;
    /** Byte-level language models predict one of 256 byte values. */
    public static final int VOCABULARY = 256;

    private Models() {
    }

    /** The model, each prunable weight masked as {@code masking} says. */
    public static ModelGraph build(ModelSpec spec, long seed, Masking masking) {
        return switch (spec.type()) {
            case "mlp" -> Mlp.build(seed, IMAGE_PIXELS, spec.hidden(), CLASSES, masking);
            case "lenet5" -> LeNet5.build(seed, CLASSES, masking);
            case "char-transformer" -> CharTransformer.build(seed, new CharTransformer.Config(spec.layers(),
                    spec.dModel(), spec.heads(), spec.ffn(), spec.context(), VOCABULARY), masking);
            default -> throw new IllegalArgumentException("unknown model type " + spec.type());
        };
    }
}
