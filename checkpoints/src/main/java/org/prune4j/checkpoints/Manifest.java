package org.prune4j.checkpoints;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The contract of {@code manifest.json}: what one checkpoint holds and how to check it. Fields may be
 * added within a format version (readers ignore what they do not know); anything an older reader could
 * not safely ignore raises {@link #FORMAT_VERSION}.
 *
 * @param formatVersion the layout version, {@link #FORMAT_VERSION} for what this code writes
 * @param step          optimizer updates applied; equals the number in the directory name
 * @param recipeSha256  SHA-256 of {@code recipe.yaml}
 * @param scalars       the state's integers by name
 * @param arrays        the state's arrays by name, each naming its {@code .npy} file
 * @param files         every file of the checkpoint but manifest.json and COMMIT, with its size and SHA-256
 * @param provenance    who wrote it, with what, when
 */
record Manifest(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("step") long step,
        @JsonProperty("recipe_sha256") String recipeSha256,
        @JsonProperty("scalars") SortedMap<String, Long> scalars,
        @JsonProperty("arrays") SortedMap<String, String> arrays,
        @JsonProperty("files") List<FileEntry> files,
        @JsonProperty("provenance") Provenance provenance) {

    /** The layout this code writes and the only one it reads. */
    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    Manifest {
        if (step < 0 || recipeSha256 == null || scalars == null || arrays == null || files == null
                || provenance == null) {
            throw new IllegalArgumentException("manifest must have step >= 0, recipe_sha256, scalars, arrays, files "
                    + "and provenance, got step " + step);
        }
        scalars = new TreeMap<>(scalars);
        arrays = new TreeMap<>(arrays);
        files = List.copyOf(files);
    }

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest always serialises", e);
        }
    }

    /**
     * Reads a manifest whose bytes are already known to be intact (they match COMMIT).
     *
     * @param where the checkpoint, for messages
     * @throws CheckpointFormatException  when it declares a format version other than {@link #FORMAT_VERSION}
     * @throws CorruptCheckpointException when it is not a manifest at all
     */
    static Manifest parse(byte[] json, String where) throws CheckpointFormatException, CorruptCheckpointException {
        JsonNode tree = readTree(json, where);
        JsonNode version = tree.path("format_version");
        if (!version.canConvertToInt()) {
            throw new CorruptCheckpointException(where + ": manifest.json has no integer format_version");
        }
        int v = version.asInt();
        if (v != FORMAT_VERSION) {
            throw new CheckpointFormatException(where + " has format version " + v + "; this prune4j reads format "
                    + "version " + FORMAT_VERSION + (v > FORMAT_VERSION
                    ? " (it was written by a newer prune4j: use that version or newer to read it)"
                    : " (an older layout no longer read: resume it with the prune4j that wrote it)"));
        }
        try {
            return JSON.treeToValue(tree, Manifest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CorruptCheckpointException(where + ": manifest.json is malformed (" + e.getMessage() + ")");
        }
    }

    private static JsonNode readTree(byte[] json, String where) throws CorruptCheckpointException {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new CorruptCheckpointException(where + ": manifest.json is not JSON (" + e.getMessage() + ")");
        }
    }

    /**
     * One file of a checkpoint.
     *
     * @param path   relative to the checkpoint directory, '/'-separated
     * @param size   bytes
     * @param sha256 lower-case hex
     */
    record FileEntry(
            @JsonProperty("path") String path,
            @JsonProperty("size") long size,
            @JsonProperty("sha256") String sha256) {

        FileEntry {
            if (path == null || path.isEmpty() || path.startsWith("/") || List.of(path.split("/")).contains("..")
                    || size < 0 || sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("file entry must have a relative path inside the checkpoint, "
                        + "size >= 0 and a hex SHA-256, got " + path + " (" + size + " bytes, " + sha256 + ")");
            }
        }
    }
}
