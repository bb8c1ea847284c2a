package org.prune4j.trainer.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.prune4j.checkpoints.Provenance;

/**
 * The contract of {@code summary.json}. Later versions may add fields, never remove or rename them.
 *
 * @param recipeSha256    SHA-256 of the resolved recipe YAML (recipe.yaml in the run directory)
 * @param steps           optimizer steps run
 * @param finalTrainLoss  mean training loss over the last logging window
 * @param metrics         {@code test_accuracy} (classifiers) or {@code val_perplexity} (language models)
 * @param sparsity        realized sparsity of the pruned weights
 * @param wallSeconds     training time, evaluations included
 * @param samplesPerSecond training examples per second over the whole run
 * @param provenance      versions, commit, host and time
 * @param resources       peak memory of the run
 */
public record Summary(
        @JsonProperty("recipe_sha256") String recipeSha256,
        @JsonProperty("steps") long steps,
        @JsonProperty("final_train_loss") double finalTrainLoss,
        @JsonProperty("metrics") Map<String, Double> metrics,
        @JsonProperty("sparsity") Sparsity sparsity,
        @JsonProperty("wall_seconds") double wallSeconds,
        @JsonProperty("samples_per_second") double samplesPerSecond,
        @JsonProperty("provenance") Provenance provenance,
        @JsonProperty("resources") Resources resources) {

    /**
     * @param peakRssBytes     the process's peak resident set (VmHWM), -1 where unknown
     * @param peakOffHeapBytes the most resident bytes outside the Java heap at any metrics point (ND4J's
     *                         arrays, native libraries, JIT code; see ResourceUsage)
     */
    public record Resources(
            @JsonProperty("peak_rss_bytes") long peakRssBytes,
            @JsonProperty("peak_offheap_bytes") long peakOffHeapBytes) {
    }

    /**
     * @param overall zeros over entries across all pruned weights (0 for a dense run)
     * @param scope   {@code layer}, {@code global}, {@code n:m}, or {@code none}
     * @param layers  one row per pruned weight
     */
    public record Sparsity(
            @JsonProperty("overall") double overall,
            @JsonProperty("scope") String scope,
            @JsonProperty("layers") List<Layer> layers) {
    }

    /** One pruned weight: the target asked for at the end, what was realized, and N:M violations. */
    public record Layer(
            @JsonProperty("name") String name,
            @JsonProperty("size") long size,
            @JsonProperty("target") double target,
            @JsonProperty("realized") double realized,
            @JsonProperty("nm_violations") long nmViolations) {
    }
}
