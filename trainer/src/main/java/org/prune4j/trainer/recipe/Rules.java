package org.prune4j.trainer.recipe;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The checks recipe sections share; each throws a {@link RecipeException} for the named field. */
final class Rules {

    private Rules() {
    }

    static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new RecipeException(field, "is required", null);
        }
        return value;
    }

    static int positive(String field, Integer value) {
        if (value == null || value <= 0) {
            throw new RecipeException(field, "must be a positive integer", value);
        }
        return value;
    }

    static int nonNegative(String field, Integer value) {
        if (value == null || value < 0) {
            throw new RecipeException(field, "must be >= 0", value);
        }
        return value;
    }

    static double positive(String field, Double value) {
        if (value == null || !(value > 0) || value.isInfinite()) {
            throw new RecipeException(field, "must be a positive number", value);
        }
        return value;
    }

    /** In [0, 1): a sparsity (1 would remove every weight), a momentum, a decay rate. */
    static double unitInterval(String field, Double value) {
        if (value == null || !(value >= 0 && value < 1)) {
            throw new RecipeException(field, "must be in [0, 1)", value);
        }
        return value;
    }

    static double openUnit(String field, Double value) {
        if (value == null || !(value > 0 && value < 1)) {
            throw new RecipeException(field, "must be in (0, 1)", value);
        }
        return value;
    }

    /** A valid regular expression. */
    static String regex(String field, String value) {
        try {
            Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new RecipeException(field, "must be a valid regular expression (" + e.getDescription() + ")", value);
        }
        return value;
    }

    static String oneOf(String field, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new RecipeException(field, "must be one of " + String.join(", ", allowed), value);
        }
        return value;
    }
}
