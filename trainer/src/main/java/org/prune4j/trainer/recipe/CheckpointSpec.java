package org.prune4j.trainer.recipe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * {@code checkpoint:} exact-resume checkpoints, written every {@code every} steps and once more when the
 * run is done, so that {@code prune4j resume} can continue or extend it.
 *
 * @param every steps between checkpoints; 0 (the default) writes none
 * @param dir   where they go: a path relative to the run directory (default {@code checkpoints}), or an
 *              absolute path or a URI ({@code file://}, {@code hdfs://}, {@code s3a://}) under which a
 *              folder named after the run directory is made, so runs never share one
 * @param keep  how many of the newest checkpoints stay (default 3)
 */
public record CheckpointSpec(Integer every, String dir, Integer keep) {

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");

    public CheckpointSpec {
        Rules.nonNegative("every", every = Rules.orDefault(every, 0));
        if (every > 0) {
            dir = Rules.orDefault(dir, "checkpoints");
            if (dir.isBlank()) {
                throw new RecipeException("dir", "must not be blank", dir);
            }
            if (SCHEME.matcher(dir).matches()) {
                try {
                    new URI(dir);
                } catch (URISyntaxException e) {
                    throw new RecipeException("dir", "must be a path or a URI such as "
                            + "hdfs://namenode:8020/checkpoints (" + e.getReason() + ")", dir);
                }
            }
            Rules.positive("keep", keep = Rules.orDefault(keep, 3));
        } else if (dir != null || keep != null) {
            throw new RecipeException(dir != null ? "dir" : "keep", "applies only when every > 0 (checkpoints are off)",
                    dir != null ? dir : keep);
        }
    }

    /** No checkpoints. */
    public static CheckpointSpec off() {
        return new CheckpointSpec(null, null, null);
    }

    @JsonIgnore
    public boolean enabled() {
        return every > 0;
    }

    /** The checkpoint store of the run in {@code runDir}: {@code runDir/dir}, or {@code dir/<run directory name>}. */
    public String location(Path runDir) {
        if (!enabled()) {
            throw new IllegalStateException("checkpoints are off (every is 0): there is no location");
        }
        String name = runDir.toAbsolutePath().normalize().getFileName().toString();
        if (SCHEME.matcher(dir).matches()) {
            return dir.replaceAll("/+$", "") + "/" + name;
        }
        Path path = Path.of(dir);
        return (path.isAbsolute() ? path.resolve(name) : runDir.resolve(path)).toAbsolutePath().normalize().toString();
    }
}
