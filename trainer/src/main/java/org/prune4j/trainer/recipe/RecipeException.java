package org.prune4j.trainer.recipe;

/** A recipe broke a rule: names the field (dotted path), the rule and the offending value. */
public final class RecipeException extends RuntimeException {

    private final String field;
    private final String rule;
    private final transient Object value;

    public RecipeException(String field, String rule, Object value) {
        super(field + ": " + rule + ", got " + render(value));
        this.field = field;
        this.rule = rule;
        this.value = value;
    }

    public String field() {
        return field;
    }

    /** The same problem, one section further out: {@code train} + {@code steps} is {@code train.steps}. */
    public RecipeException under(String section) {
        return section.isEmpty() ? this : new RecipeException(section + "." + field, rule, value);
    }

    private static String render(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }

    public String rule() {
        return rule;
    }
}
