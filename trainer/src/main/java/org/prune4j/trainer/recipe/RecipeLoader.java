package org.prune4j.trainer.recipe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads recipes from YAML and writes resolved ones back, turning every problem into a {@link RecipeException}. */
public final class RecipeLoader {

    private static final ObjectMapper YAML = new ObjectMapper(
            new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private RecipeLoader() {
    }

    /** Reads a recipe file; {@code name} defaults to the file's stem. */
    public static Recipe load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new RecipeException("recipe", "file must exist", file.toString());
        } catch (IOException e) {
            throw new RecipeException("recipe", "file must be readable (" + e.getMessage() + ")", file.toString());
        }
        String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return parse(text, stem);
    }

    /** Parses recipe YAML; {@code defaultName} is used when the recipe has no {@code name}. */
    public static Recipe parse(String yaml, String defaultName) {
        try {
            var tree = YAML.readTree(yaml);
            if (!(tree instanceof ObjectNode root)) {
                throw new RecipeException("recipe", "must be a YAML mapping of sections", yaml.strip());
            }
            if (!root.has("name")) {
                root.put("name", defaultName);
            }
            return YAML.treeToValue(root, Recipe.class);
        } catch (JsonMappingException e) {
            throw translate(e);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage().lines().findFirst().orElse("").strip();
            throw new RecipeException("recipe", "must be valid YAML (" + reason + ")", "a syntax error at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()));
        }
    }

    /** The fully resolved recipe (every default filled in) as YAML: what a run records and hashes. */
    public static String toYaml(Recipe recipe) {
        try {
            return YAML.writeValueAsString(recipe);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a validated recipe always serialises", e);
        }
    }

    /**
     * The recipe with one value replaced, validated again: {@code override(r, "train.steps", 2000)}.
     *
     * @throws RecipeException when the path is not a key of the recipe, or the new value breaks a rule
     */
    public static Recipe override(Recipe recipe, String path, Object value) {
        ObjectNode root = (ObjectNode) tree(recipe);
        ObjectNode node = root;
        String[] keys = path.split("\\.");
        for (int i = 0; i < keys.length - 1; i++) {
            if (!(node.get(keys[i]) instanceof ObjectNode inner)) {
                throw new RecipeException(path, "must name a key of the recipe", value);
            }
            node = inner;
        }
        node.set(keys[keys.length - 1], YAML.valueToTree(value));
        try {
            return YAML.treeToValue(root, Recipe.class);
        } catch (JsonMappingException e) {
            throw translate(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always reads", e);
        }
    }

    /** The resolved recipe as a tree of sections and values, as {@link #toYaml} would write it. */
    static JsonNode tree(Recipe recipe) {
        return YAML.valueToTree(recipe);
    }

    private static RecipeException translate(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (e.getCause() instanceof RecipeException inner) {
            return inner.under(path);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            return new RecipeException(path, "is not a known key (known here: " + known + ")", u.getPropertyName());
        }
        if (e instanceof InvalidFormatException f) {
            return new RecipeException(path, "must be " + describe(f.getTargetType()), f.getValue());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return new RecipeException(path, "must be " + describe(m.getTargetType()), "a value of another type");
        }
        return new RecipeException(path.isEmpty() ? "recipe" : path, "must be well-formed (" + e.getOriginalMessage() + ")",
                null);
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a " + type.getSimpleName().replace("Spec", "").toLowerCase() + " section (a mapping)";
    }
}
