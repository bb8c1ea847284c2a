/**
 * The single-JVM training loop and what it needs: batch sources, the pruner, evaluation and metrics.
 *
 * <p>Everything that changes over training is a function of (seed, step): batch order, learning
 * rate, target sparsity and so the masks. The loop only sequences them.
 */
package org.prune4j.trainer.train;
