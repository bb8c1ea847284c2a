package org.prune4j.trainer.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the loop owns after some steps, copied: every array that evolves and the data cursor. With the
 * recipe (which fixes every schedule as a function of the step) it is all an exact resume needs.
 *
 * @param step    optimizer updates applied
 * @param arrays  by name: {@code graph/<variable>} for every trainable variable and every constant of
 *                the graph (weights, biases, masks and whatever else a pruning method keeps there),
 *                {@code optimizer/<parameter>/<slot>} for the optimizer state
 * @param scalars the data cursor ({@link DataCursor#scalars()})
 */
public record LoopState(long step, Map<String, INDArray> arrays, Map<String, Long> scalars) {

    public LoopState {
        arrays = Map.copyOf(arrays);
        scalars = Map.copyOf(scalars);
    }
}
