package org.prune4j.spark;

import java.nio.charset.StandardCharsets;
import org.apache.spark.api.java.JavaSparkContext;
import org.prune4j.checkpoints.Digests;
import org.prune4j.trainer.recipe.Recipe;
import org.prune4j.trainer.recipe.RecipeException;
import org.prune4j.trainer.recipe.RecipeLoader;
import org.prune4j.trainer.run.PreparedRun;
import org.prune4j.trainer.train.Optimizers;
import org.prune4j.trainer.train.StepEngine;
import org.prune4j.trainer.train.TrainStep;

/** A Spark context and the data-parallel engine of one run; closing it stops the context. */
public final class SparkRun implements AutoCloseable {

    private final JavaSparkContext sc;
    private final SparkEngine engine;
    private final int workers;

    private SparkRun(JavaSparkContext sc, SparkEngine engine, int workers) {
        this.sc = sc;
        this.engine = engine;
        this.workers = workers;
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
            TrainStep driverStep = new TrainStep(run.model(), Optimizers.updater(recipe.train()));
            SparkEngine engine = new SparkEngine(sc, run.model(), driverStep, blueprint,
                    recipe.distributed().syncEvery(), recipe.train().steps());
            return new SparkRun(sc, engine, workers);
        } catch (RuntimeException e) {
            sc.close();
            throw e;
        }
    }

    public StepEngine engine() {
        return engine;
    }

    /** One line for the log: rounds and bytes exchanged so far. */
    public String describeExchange() {
        return engine.exchange().describe();
    }

    /** One line for the log: where the run goes and how. */
    public String describe() {
        return String.format("Spark %s, master %s, %d workers, application %s", sc.version(), sc.master(), workers,
                sc.sc().applicationId());
    }

    @Override
    public void close() {
        sc.close();
    }
}
