package org.prune4j.trainer.recipe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * {@code model:} which network to build.
 *
 * @param type    {@code mlp}, {@code lenet5} or {@code char-transformer}
 * @param hidden  mlp only: hidden widths (default [300, 100], LeNet-300-100)
 * @param layers  char-transformer: blocks (default 2)
 * @param dModel  char-transformer: width (default 128)
 * @param heads   char-transformer: attention heads (default 4)
 * @param ffn     char-transformer: feed-forward width (default 512)
 * @param context char-transformer: context length in bytes (default 64)
 * @param initFrom optional path of a saved model ({@code model.fb} of an earlier run): every variable it
 *                holds starts this run with its value (names and shapes must match), the others keep
 *                their seeded initialisation; how a pruning run starts from a dense pretraining
 */
public record ModelSpec(
        String type, List<Integer> hidden, Integer layers, Integer dModel, Integer heads, Integer ffn,
        Integer context, String initFrom) {

    public static final List<String> TYPES = List.of("mlp", "lenet5", "char-transformer");

    public ModelSpec {
        Rules.oneOf("type", Rules.required("type", type), TYPES);
        boolean mlp = type.equals("mlp");
        boolean transformer = type.equals("char-transformer");
        hidden = mlp ? List.copyOf(Rules.orDefault(hidden, List.of(300, 100))) : onlyFor(type, "hidden", hidden);
        if (mlp) {
            for (int i = 0; i < hidden.size(); i++) {
                Rules.positive("hidden[" + i + "]", hidden.get(i));
            }
        }
        layers = transformer ? Rules.positive("layers", Rules.orDefault(layers, 2)) : onlyFor(type, "layers", layers);
        dModel = transformer ? Rules.positive("dModel", Rules.orDefault(dModel, 128)) : onlyFor(type, "dModel", dModel);
        heads = transformer ? Rules.positive("heads", Rules.orDefault(heads, 4)) : onlyFor(type, "heads", heads);
        ffn = transformer ? Rules.positive("ffn", Rules.orDefault(ffn, 512)) : onlyFor(type, "ffn", ffn);
        context = transformer ? Rules.positive("context", Rules.orDefault(context, 64)) : onlyFor(type, "context", context);
        if (transformer && dModel % heads != 0) {
            throw new RecipeException("dModel", "must be a multiple of heads=" + heads, dModel);
        }
        if (initFrom != null && initFrom.isBlank()) {
            throw new RecipeException("initFrom", "must be a path to a saved model (or left out)", initFrom);
        }
    }

    /** A key that belongs to another model type is an error, not silently ignored. */
    private static <T> T onlyFor(String type, String field, T value) {
        if (value != null) {
            throw new RecipeException(field, "does not apply to model type " + type, value);
        }
        return null;
    }

    @JsonIgnore
    public boolean isLanguageModel() {
        return type.equals("char-transformer");
    }
}
