/**
 * Sharing an overall target sparsity among layers: {@link org.prune4j.schedules.allocation.Allocation}
 * (uniform, one global magnitude threshold, or Erdos-Renyi-Kernel) and
 * {@link org.prune4j.schedules.allocation.LayerSelection}, which weights take part at all.
 *
 * <p>Shapes are plain {@code long[]}, the convolution kernel dimensions first and the output dimension
 * last, so this package needs nothing beyond the JDK.
 */
package org.prune4j.schedules.allocation;
