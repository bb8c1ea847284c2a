package org.prune4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GMP recipe trained on a real standalone Spark cluster ({@link LocalStandaloneCluster}: a Master and
 * two Workers), submitted as the shaded jar through {@code SparkSubmit}. Every process started is stopped.
 */
class StandaloneClusterIT {

    private LocalStandaloneCluster cluster;

    @TempDir
    Path tmp;

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void trainsAGmpRecipeOnAMasterAndTwoWorkers() throws Exception {
        cluster = LocalStandaloneCluster.start(tmp.resolve("cluster"), 2);
        Path data = SyntheticData.images(tmp.resolve("data"), 320);
        Path recipe = Files.writeString(tmp.resolve("cluster.yaml"), TrainCommandTest.RECIPE
                .replace("steps: 120", "steps: 12").replace("evalEvery: 60", "evalEvery: 12")
                .replace("logEvery: 20", "logEvery: 4")
                .replace("schedule: {begin: 20, end: 80, frequency: 20}", "schedule: {begin: 2, end: 8, frequency: 2}")
                + "distributed: {workers: 2}\n");
        Path out = tmp.resolve("runs");
        Process submit = cluster.submit("submit", "train", recipe.toString(), "--data-dir", data.toString(),
                "--output-dir", out.toString(), "--master", cluster.masterUrl());
        assertTrue(submit.waitFor(8, TimeUnit.MINUTES), "spark-submit finished in time");
        assertEquals(0, submit.exitValue(), "spark-submit exit code; see " + cluster.tail("submit"));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("e2e/summary.json").toFile());
        assertEquals(12, summary.get("steps").asInt());
        assertEquals(0.8, summary.get("sparsity").get("layers").get(0).get("realized").asDouble(), 1e-4);
        assertTrue(Files.readString(cluster.log("submit")).contains("master " + cluster.masterUrl()),
                "ran on the cluster");
    }
}
