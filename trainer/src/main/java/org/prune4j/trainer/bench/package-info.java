/**
 * Benchmarks: how fast a prune4j training step is, next to the dense step, PyTorch and this machine's
 * GEMM peak. Every comparison is a ratio of arms measured side by side in one run, interleaved round
 * by round, because the machines are shared and noisy. Nothing here is a test: {@code prune4j bench}
 * runs it and writes docs/BENCHMARKS.md.
 */
package org.prune4j.trainer.bench;
