/**
 * The single-JVM training loop and what it needs: batch sources, the pruner, evaluation and metrics.
 *
 * <p>Everything that changes over training is a function of (seed, step): batch order, learning
 * rate, target sparsity and so the masks. The loop only sequences them. What does not follow from the
 * step (weights, masks and other graph arrays, optimizer moments) is a {@link
 * org.prune4j.trainer.train.LoopState}, which a {@link org.prune4j.trainer.train.Checkpointer} saves and
 * {@link org.prune4j.trainer.train.TrainingLoop#resume} restores, so a resumed run continues bit for bit.
 */
package org.prune4j.trainer.train;
