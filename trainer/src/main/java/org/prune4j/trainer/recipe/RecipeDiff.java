package org.prune4j.trainer.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Which fields two resolved recipes disagree on, as dotted paths ({@code train.steps},
 * {@code pruning.schedule.end}). A list value such as {@code model.hidden} counts as one field. Works on
 * the written form, so sections added later are compared without changes here.
 */
public final class RecipeDiff {

    private RecipeDiff() {
    }

    /** The differing fields, in order. */
    public static List<String> fields(Recipe a, Recipe b) {
        List<String> out = new ArrayList<>();
        diff("", RecipeLoader.tree(a), RecipeLoader.tree(b), out);
        return out;
    }

    /** Whether {@code field} is one of {@code allowed} or inside one ({@code train} allows {@code train.steps}). */
    public static boolean allows(List<String> allowed, String field) {
        return allowed.stream().anyMatch(a -> field.equals(a) || field.startsWith(a + "."));
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            for (String k : keys) {
                diff(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
            }
        } else if (!Objects.equals(a, b)) {
            out.add(path);
        }
    }
}
