package org.prune4j.checkpoints;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything a run needs to continue exactly where it stopped, as the trainer hands it over: one value
 * per checkpoint. The store gives every entry back bit for bit; what the names mean is the trainer's
 * business (this module knows nothing of graphs, optimizers or data).
 *
 * <p>The arrays are held, not copied: the trainer passes copies taken at the step (so the value does
 * not change when training goes on), and nobody should write to them afterwards.
 *
 * @param step       optimizer updates applied so far; the checkpoint's directory is named after it
 * @param arrays     every evolving array (weights, masks, mask parameters, optimizer moments) by name
 * @param scalars    evolving integers by name (seeds, the data cursor); reals belong in {@code arrays},
 *                   where they round-trip bit for bit
 * @param recipeYaml the resolved recipe the run trains under
 * @param provenance who wrote the state, with what, when
 */
public record TrainingState(
        long step, Map<String, INDArray> arrays, Map<String, Long> scalars, String recipeYaml,
        Provenance provenance) {

    public TrainingState {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        arrays = sortedCopy("arrays", arrays);
        scalars = sortedCopy("scalars", scalars);
        if (recipeYaml == null || recipeYaml.isBlank()) {
            throw new IllegalArgumentException("recipeYaml must not be blank, got " + recipeYaml);
        }
        if (provenance == null) {
            throw new IllegalArgumentException("provenance must not be null");
        }
    }

    /** SHA-256 of the recipe's UTF-8 bytes: what summary.json and the manifest record as {@code recipe_sha256}. */
    public String recipeSha256() {
        return Digests.sha256(recipeYaml.getBytes(StandardCharsets.UTF_8));
    }

    private static <V> SortedMap<String, V> sortedCopy(String field, Map<String, V> entries) {
        if (entries == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        SortedMap<String, V> copy = new TreeMap<>();
        entries.forEach((name, value) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(field + " names must not be blank, got '" + name + "'");
            }
            if (value == null) {
                throw new IllegalArgumentException(field + "." + name + " must not be null");
            }
            copy.put(name, value);
        });
        return Collections.unmodifiableSortedMap(copy);
    }
}
