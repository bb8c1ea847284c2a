package org.prune4j.cli;

import java.util.function.Function;
import org.prune4j.spark.SparkRun;
import org.prune4j.trainer.report.Summary;
import org.prune4j.trainer.run.PreparedRun;
import org.prune4j.trainer.train.StepEngine;

/** Runs a training body on the engines its recipe asks for: Spark (started and stopped here) or this JVM. */
final class Engines {

    private Engines() {
    }

    static Summary train(PreparedRun run, Function<StepEngine.Factory, Summary> body) {
        if (!run.recipe().distributed().usesSpark()) {
            return body.apply(StepEngine.Factory.LOCAL);
        }
        try (SparkRun spark = SparkRun.start(run)) {
            System.out.println(spark.describe());
            Summary summary = body.apply(spark);
            System.out.println(spark.describeExchange());
            return summary;
        }
    }
}
