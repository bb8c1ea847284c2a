package org.prune4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** The Spark context of a run: Kryo with the ND4J registrator; an embedded local master stays on 127.0.0.1. */
public final class SparkContexts {

    /** Attempts of a worker's task per run, unless spark-submit says otherwise (Spark's default is 4 per task). */
    static final int TASK_FAILURES = 16;

    private SparkContexts() {
    }

    /**
     * A context for {@code master}, unless spark-submit already chose one ({@code spark.master} set),
     * which then wins.
     */
    public static JavaSparkContext create(String appName, String master) {
        SparkConf conf = new SparkConf().setAppName(appName).setIfMissing("spark.master", master)
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", Nd4jKryoRegistrator.class.getName())
                .set("spark.kryoserializer.buffer.max", "1g")
                // a worker's task lives for the whole run (RoundChannel): a speculative copy would share its
                // graph, and every executor lost in the run counts against the one task's retries
                .set("spark.speculation", "false")
                .setIfMissing("spark.task.maxFailures", String.valueOf(TASK_FAILURES));
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1")
                    .setIfMissing("spark.driver.bindAddress", "127.0.0.1")
                    .setIfMissing("spark.ui.enabled", "false");
        }
        return new JavaSparkContext(conf);
    }
}
