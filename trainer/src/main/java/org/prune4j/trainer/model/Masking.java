package org.prune4j.trainer.model;

import org.prune4j.masks.MaskMethod;
import org.prune4j.masks.Unmasked;

/**
 * Which {@link MaskMethod} wraps each prunable weight while a model is built. The model builders only
 * say which weights are prunable; the method (magnitude, PDP, ...) decides what the mask looks like
 * in the graph, so no model knows about any method.
 */
@FunctionalInterface
public interface Masking {

    /** The method that masks {@code weight} (of this shape). */
    MaskMethod methodFor(String weight, long[] shape);

    /**
     * Nothing is pruned: every prunable weight is used as it is ({@link Unmasked}), beside an all-ones
     * {@code W_mask} constant that never changes.
     */
    static Masking none() {
        MaskMethod unmasked = new Unmasked();
        return (weight, shape) -> unmasked;
    }
}
