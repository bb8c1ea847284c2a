package org.prune4j.schedules.allocation;

import java.util.regex.Pattern;

/**
 * Which weights take part in pruning: names that {@code include} matches as a whole and
 * {@code exclude} does not. Exclusions say "all but the first and last layer" directly
 * ({@code exclude: "fc1/W|fc3/W"}) instead of through a negative look-ahead in {@code include}.
 *
 * @param include a regular expression over whole weight names, e.g. {@code .*}/W
 * @param exclude a regular expression over whole weight names, or null to exclude nothing
 */
public record LayerSelection(String include, String exclude) {

    public LayerSelection {
        compile("include", include);
        if (exclude != null) {
            compile("exclude", exclude);
        }
    }

    public boolean selects(String name) {
        return Pattern.compile(include).matcher(name).matches()
                && (exclude == null || !Pattern.compile(exclude).matcher(name).matches());
    }

    private static void compile(String field, String regex) {
        if (regex == null) {
            throw new IllegalArgumentException(field + " must be a regular expression, got null");
        }
        try {
            Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException(field + " must be a valid regular expression (" + e.getDescription()
                    + "), got '" + regex + "'", e);
        }
    }
}
