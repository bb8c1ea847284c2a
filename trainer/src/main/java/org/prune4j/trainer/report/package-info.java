/**
 * What a run leaves behind and how it is rendered: {@code metrics.jsonl}, {@code summary.json},
 * {@code sparsity.md} and the PNG plots. The report is rendered from the files alone, so
 * {@code prune4j report RUN_DIR} can redraw it at any time.
 */
package org.prune4j.trainer.report;
