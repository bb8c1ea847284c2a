package org.prune4j.trainer.recipe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code distributed:} data-parallel training on Spark.
 *
 * @param master    a Spark master URL ({@code local[*]}, {@code local[4]}, {@code spark://host:7077},
 *                  {@code yarn}, {@code k8s://...}) or {@code none} for a single JVM without Spark
 *                  (default {@code local[*]}: one worker per core, embedded); under spark-submit its
 *                  {@code --master} wins
 * @param workers   data-parallel workers (Spark partitions); default: the cores of a local master,
 *                  else Spark's default parallelism
 * @param syncEvery steps per round: 1 is exact synchronous SGD on the global batch (workers' gradients
 *                  averaged every step); k &gt; 1 is local SGD, where every worker runs k steps on its
 *                  slice and the driver averages parameters and optimizer state (default 1)
 */
public record DistributedSpec(String master, Integer workers, Integer syncEvery) {

    public static final String NONE = "none";
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\*|\\d+)(,\\d+)?]|local");

    public DistributedSpec {
        master = Rules.orDefault(master, "local[*]");
        if (master.isBlank()) {
            throw new RecipeException("master", "must be a Spark master URL or none", master);
        }
        if (workers != null) {
            Rules.positive("workers", workers);
        }
        Rules.positive("syncEvery", syncEvery = Rules.orDefault(syncEvery, 1));
    }

    public boolean usesSpark() {
        return !master.equals(NONE);
    }

    /** The worker count: explicit, else a local master's cores; empty for a cluster master without one. */
    public java.util.OptionalInt resolvedWorkers() {
        if (workers != null) {
            return java.util.OptionalInt.of(workers);
        }
        Matcher m = LOCAL.matcher(master);
        if (!m.matches()) {
            return java.util.OptionalInt.empty();
        }
        if (m.group(1) == null) {
            return java.util.OptionalInt.of(1);
        }
        return java.util.OptionalInt.of(m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors()
                : Integer.parseInt(m.group(1)));
    }

    /** The single-JVM setting. */
    public static DistributedSpec singleJvm() {
        return new DistributedSpec(NONE, null, null);
    }
}
