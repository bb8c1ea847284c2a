package org.prune4j.trainer.report;

import java.nio.file.Path;

/** The layout of a run directory. */
public record RunFiles(Path dir) {

    public Path recipe() {
        return dir.resolve("recipe.yaml");
    }

    public Path metrics() {
        return dir.resolve("metrics.jsonl");
    }

    public Path summary() {
        return dir.resolve("summary.json");
    }

    public Path sparsityTable() {
        return dir.resolve("sparsity.md");
    }

    public Path plots() {
        return dir.resolve("plots");
    }

    /** The final model, masks baked into the weights, as SameDiff FlatBuffers. */
    public Path model() {
        return dir.resolve("model.fb");
    }

    /** MaskLLM runs: the learned logits alone, for {@code pruning.maskllm.initFrom} (mask transfer). */
    public Path maskLogits() {
        return dir.resolve("mask-logits.fb");
    }
}
