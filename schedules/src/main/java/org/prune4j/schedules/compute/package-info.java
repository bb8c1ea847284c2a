/**
 * Training compute under a sparsity schedule: where the compute goes as the model gets sparser, pruning
 * windows given as fractions of compute solved into steps, and the average parameter count N-bar.
 *
 * <p>The model is the one of "The Journey Matters" (reference/algorithms.md §2.3, §2.4): the compute of
 * a step is proportional to its active (unpruned) parameters, so a step at density 0.2 costs a fifth of
 * a dense one. That is what sparse kernels could achieve; the dense SameDiff matmuls of this project
 * multiply the zeros too, so these numbers describe the schedule, not this JVM's wall time.
 */
package org.prune4j.schedules.compute;
