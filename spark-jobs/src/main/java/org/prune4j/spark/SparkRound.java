package org.prune4j.spark;

/**
 * One Spark round as the driver measured it. Bytes are array payloads (4 bytes a float, 8 a long of a
 * bitmask), without Kryo's framing.
 *
 * @param steps            optimizer steps in the round ({@code syncEvery}, fewer for a last short round)
 * @param workers          results combined
 * @param wallNanos        the whole round on the driver: packing, sending the state, the workers, the ordered sum and the
 *                         driver's update (synchronous SGD: its optimizer step; local SGD: assigning the means)
 * @param computeNanos     the slowest worker's time inside its local steps (forward, backward, and for local
 *                         SGD its own updates), measured in the task
 * @param sentBytes        the state as sent to each worker: weights with a sparse hard mask packed (bitmask + kept values),
 *                         every other weight, bias and mask dense, and the optimizer state
 * @param denseSentBytes   the same state with nothing packed (masks as float arrays)
 * @param optimizerBytes   optimizer state, in each direction (local SGD; 0 for synchronous SGD), packed like its weight where it can be
 * @param resultBytes      one worker's result as sent: gradients (synchronous SGD) or parameters and optimizer
 *                         state (local SGD), packed where the state was
 * @param denseResultBytes the same result with nothing packed
 */
public record SparkRound(int steps, int workers, long wallNanos, long computeNanos, long sentBytes,
                         long denseSentBytes, long optimizerBytes, long resultBytes, long denseResultBytes) {
}
