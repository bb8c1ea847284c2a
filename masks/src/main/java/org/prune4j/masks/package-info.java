/**
 * Masks: which weights survive, and how a mask enters the SameDiff graph.
 *
 * <p>{@link org.prune4j.masks.MaskMethod} is the plug-in interface every method implements (its
 * Javadoc gives the order of use); {@link org.prune4j.masks.MagnitudeMask} (gradual magnitude
 * pruning) and {@link org.prune4j.masks.PdpMask} (parameter-free differentiable pruning) and
 * {@link org.prune4j.masks.MaskLlmMask} (learnable Gumbel-softmax N:M masks, with its
 * {@link org.prune4j.masks.NmCandidates} and host-drawn {@link org.prune4j.masks.GumbelNoise}) are the
 * methods so far. A {@link org.prune4j.masks.Structure} says what a mask keeps or prunes together:
 * entries, output channels, or N of every M along the input dimension.
 *
 * <p>SameDiff M2.1 has no usable sort or top-k in the graph (reference/stack-probe.md §1), so every
 * threshold is found here, on the host, with exact counts: ties are broken by index, so a layer asked
 * for k survivors gets exactly k. Scheduled values (target sparsity, temperatures) arrive as plain
 * numbers; this module knows nothing of schedules, trainers or checkpoints. Dense weights are
 * {@code [nIn, nOut]}, and N:M groups run along the input dimension: M consecutive rows of one column.
 *
 * <p>Per-step host arithmetic that must be fast comes in two forms with the same bits
 * ({@link org.prune4j.masks.HostKernels}): a scalar reference and a Vector API form where the JVM has
 * the incubating module ({@link org.prune4j.masks.MaskLlmKernel}, over {@link org.prune4j.masks.FloatMath}).
 * A method that computes a gradient on the host may take the optimizer's step for it block by block,
 * through the {@link org.prune4j.masks.HostUpdates} the trainer offers, while the block is in the cache.
 */
package org.prune4j.masks;
