package org.prune4j.masks;

import java.nio.ByteBuffer;

/**
 * The optimizer's step, offered to a mask method that computes a parameter's gradient on the host
 * ({@link MaskMethod#hostGradients}): the method can then update the parameter block by block while the
 * block's gradient is still in the cache, instead of writing the whole gradient out for the optimizer to
 * read back (MaskLLM's logits: 1.5 per weight, and the pass over them was memory-bound).
 */
@FunctionalInterface
public interface HostUpdates {

    /** No step offered: every gradient goes to the optimizer through the gradient map. */
    HostUpdates NONE = parameter -> null;

    /** Whether the optimizer trains {@code parameter}: where not, its gradient need not be computed. */
    default boolean trains(String parameter) {
        return true;
    }

    /** The step of {@code parameter}, or null where its gradient must go through the gradient map. */
    RangeStep of(String parameter);

    /** One update of a parameter's entries, range by range; ranges never overlap and may run on several threads. */
    @FunctionalInterface
    interface RangeStep {

        /**
         * Updates entries {@code [from, to)} of the parameter; entry i's gradient is float {@code i + shift} of
         * {@code gradient} (native byte order).
         */
        void apply(ByteBuffer gradient, int shift, int from, int to);
    }
}
