package org.prune4j.trainer.recipe;

/** {@code output:} the directory under which each run gets its own folder (default {@code runs}). */
public record OutputSpec(String dir) {

    public OutputSpec {
        dir = Rules.orDefault(dir, "runs");
        if (dir.isBlank()) {
            throw new RecipeException("dir", "must not be blank", dir);
        }
    }
}
