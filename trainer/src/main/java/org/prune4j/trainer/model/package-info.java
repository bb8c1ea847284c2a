/**
 * Models as SameDiff graphs whose prunable weights pass through a mask method.
 *
 * <p>Every model names its weights {@code layer/W} and hands each prunable one to the
 * {@link org.prune4j.trainer.model.Masking} it was built with, which picks the mask method that
 * builds the effective weight: {@code W * W_mask} with a hard-mask constant {@code layer/W_mask} of
 * the same shape whenever the method is hard, and the method's own soft form while it is soft (PDP:
 * {@code W * m(W)}). The models themselves know no method. Weights are initialised from (seed, weight name) alone, so the same recipe
 * builds the same model on every JVM. Dense weights are {@code [nIn, nOut]}: N:M groups run down a
 * column (along the input dimension).
 */
package org.prune4j.trainer.model;
