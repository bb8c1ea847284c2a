/**
 * Models as SameDiff graphs whose prunable weights pass through a mask constant.
 *
 * <p>Every model names its weights {@code layer/W} and multiplies each prunable one by a constant
 * {@code layer/W_mask} of the same shape before use, so a mask method changes the model by writing
 * into that constant. Weights are initialised from (seed, weight name) alone, so the same recipe
 * builds the same model on every JVM. Dense weights are {@code [nIn, nOut]}: N:M groups run down a
 * column (along the input dimension).
 */
package org.prune4j.trainer.model;
