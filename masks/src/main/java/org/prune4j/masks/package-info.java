/**
 * Masks: which weights survive, computed on the host from the weights and numbers the trainer passes in.
 *
 * <p>SameDiff M2.1 has no usable sort or top-k in the graph (reference/stack-probe.md §1), so every
 * threshold is found here with exact counts: ties are broken by index, so a layer asked for k
 * survivors gets exactly k. Scheduled values (target sparsity, temperatures) arrive as plain numbers;
 * this module knows nothing of schedules, trainers or checkpoints. Dense weights are
 * {@code [nIn, nOut]}, and N:M groups run along the input dimension: M consecutive rows of one column.
 */
package org.prune4j.masks;
