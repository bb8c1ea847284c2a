package org.prune4j.spark;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.prune4j.checkpoints.Digests;
import org.prune4j.trainer.recipe.Recipe;
import org.prune4j.trainer.recipe.RecipeException;
import org.prune4j.trainer.recipe.RecipeLoader;
import org.prune4j.trainer.run.PreparedRun;
import org.prune4j.trainer.train.StepEngine;
import org.prune4j.trainer.train.TrainStep;
import org.prune4j.trainer.train.Training;

/**
 * A Spark context and the data-parallel engine of one run, made around the driver's step when the
 * loop starts; closing it stops the context.
 */
public final class SparkRun implements AutoCloseable, StepEngine.Factory {

    private final JavaSparkContext sc;
    private final RunBlueprint blueprint;
    private final Recipe recipe;
    private SparkEngine engine;

    private SparkRun(JavaSparkContext sc, RunBlueprint blueprint, Recipe recipe) {
        this.sc = sc;
        this.blueprint = blueprint;
        this.recipe = recipe;
    }

    /** Starts Spark for a prepared run whose recipe asks for it. */
    public static SparkRun start(PreparedRun run) {
        Recipe recipe = run.recipe();
        JavaSparkContext sc = SparkContexts.create("prune4j " + recipe.name(), recipe.distributed().master());
        try {
            int workers = recipe.distributed().resolvedWorkers().orElse(sc.defaultParallelism());
            if (recipe.train().batchSize() % workers != 0) {
                throw new RecipeException("train.batchSize", "must be a multiple of the " + workers
                        + " data-parallel workers", recipe.train().batchSize());
            }
            String yaml = RecipeLoader.toYaml(recipe);
            RunBlueprint blueprint = new RunBlueprint(yaml, Digests.sha256(yaml.getBytes(StandardCharsets.UTF_8)),
                    run.dataSource(), workers);
            return new SparkRun(sc, blueprint, recipe);
        } catch (RuntimeException e) {
            sc.close();
            throw e;
        }
    }

    @Override
    public StepEngine create(TrainStep driverStep, Training training) {
        engine = new SparkEngine(sc, training.model(), driverStep, blueprint, recipe.distributed().syncEvery(),
                recipe.train().steps());
        return engine;
    }

    /** One line for the log: rounds and bytes exchanged so far. */
    public String describeExchange() {
        return engine == null ? "no Spark rounds" : engine.exchange().describe();
    }

    /** Every round so far, as the driver measured it (for the Spark benchmark). */
    public List<SparkRound> rounds() {
        return engine == null ? List.of() : engine.exchange().rounds();
    }

    /** One line for the log: where the run goes and how. */
    public String describe() {
        return String.format("Spark %s, master %s, %d workers, application %s", sc.version(), sc.master(),
                blueprint.workers(), sc.sc().applicationId());
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        sc.close();
    }
}
