package org.prune4j.trainer.model;

import org.prune4j.masks.MagnitudeMask;
import org.prune4j.masks.MaskMethod;
import org.prune4j.masks.Unstructured;

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
     * Nothing is pruned: every prunable weight gets a fixed all-ones mask (a {@link MagnitudeMask}
     * nobody updates), so the graph has the same {@code W * W_mask} form as a pruned one.
     */
    static Masking none() {
        MaskMethod fixed = new MagnitudeMask(new Unstructured());
        return (weight, shape) -> fixed;
    }
}
