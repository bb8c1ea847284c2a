package org.prune4j.trainer.recipe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * {@code data:} where the examples come from.
 *
 * @param dataset            {@code mnist}, {@code fashion-mnist} (images) or {@code moby-dick},
 *                           {@code sotu}, {@code kjv} (text)
 * @param dir                optional: a directory with the user's own files (IDX images, or one
 *                           {@code .txt}) used instead of the prune4j cache
 * @param validationFraction text only: the last fraction of the bytes held out (default 0.1)
 */
public record DataSpec(String dataset, String dir, Double validationFraction) {

    public static final List<String> IMAGE_DATASETS = List.of("mnist", "fashion-mnist");
    public static final List<String> TEXT_DATASETS = List.of("moby-dick", "sotu", "kjv");

    public DataSpec {
        Rules.required("dataset", dataset);
        Rules.oneOf("dataset", dataset,
                java.util.stream.Stream.concat(IMAGE_DATASETS.stream(), TEXT_DATASETS.stream()).toList());
        if (isText(dataset)) {
            validationFraction = Rules.openUnit("validationFraction", Rules.orDefault(validationFraction, 0.1));
        } else if (validationFraction != null) {
            throw new RecipeException("validationFraction", "applies to text datasets only (" + dataset
                    + " has its own test split)", validationFraction);
        }
    }

    @JsonIgnore
    public boolean isText() {
        return isText(dataset);
    }

    private static boolean isText(String dataset) {
        return TEXT_DATASETS.contains(dataset);
    }
}
