/**
 * The single-JVM training loop and what it needs: batch sources, the pruner, evaluation and metrics.
 *
 * <p>Everything that changes over training is a function of (seed, step): batch order, learning
 * rate, target sparsity and so the masks, and MaskLLM's temperature, scale and Gumbel noise. The loop
 * only sequences them. What does not follow from the step (weights, masks and other graph arrays,
 * optimizer moments) is a {@link org.prune4j.trainer.train.LoopState}, which a {@link
 * org.prune4j.trainer.train.Checkpointer} saves and {@link org.prune4j.trainer.train.TrainingLoop#resume}
 * restores, so a resumed run continues bit for bit.
 *
 * <p>Pruners: {@link org.prune4j.trainer.train.GmpPruner}, {@link org.prune4j.trainer.train.PdpPruner}
 * and {@link org.prune4j.trainer.train.MaskLlmPruner}. A pruner may name
 * {@link org.prune4j.trainer.train.ParameterGroup}s (variables frozen, or trained at their own
 * learning rate and weight decay), which the loop's updater honours together with {@code train.frozen}.
 * Adam's update runs on the host ({@link org.prune4j.trainer.train.HostAdam}), fused into one pass.
 */
package org.prune4j.trainer.train;
