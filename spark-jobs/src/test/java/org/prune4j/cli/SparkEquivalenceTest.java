package org.prune4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Synchronous data-parallel SGD on Spark is the single-JVM algorithm: with syncEvery 1, two workers
 * each taking half of every global batch end with the parameters of one JVM training on the whole
 * batch (up to float32 summation order).
 */
class SparkEquivalenceTest {

    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void syntheticImages() throws Exception {
        data = SyntheticData.images(tmp.resolve("data"), 640);
    }

    @Test
    void twoWorkersWithSyncEveryOneMatchOneJvmOnTheGlobalBatch() throws Exception {
        String yaml = TrainCommandTest.RECIPE.replace("steps: 120", "steps: 40")
                .replace("schedule: {begin: 20, end: 80, frequency: 20}", "schedule: {begin: 10, end: 30, frequency: 10}")
                .replace("evalEvery: 60", "evalEvery: 40");
        Path recipe = Files.writeString(tmp.resolve("eq.yaml"), yaml);
        Path single = tmp.resolve("single");
        Path spark = tmp.resolve("spark");
        assertEquals(0, Prune4j.run("train", recipe.toString(), "--data-dir", data.toString(), "--master", "none",
                "--output-dir", single.toString()));
        assertEquals(0, Prune4j.run("train", recipe.toString(), "--data-dir", data.toString(), "--master", "local[2]",
                "--output-dir", spark.toString()));
        SameDiff a = SameDiff.load(single.resolve("e2e/model.fb").toFile(), false);
        SameDiff b = SameDiff.load(spark.resolve("e2e/model.fb").toFile(), false);
        double worst = 0;
        for (String name : new String[] {"fc1/W", "fc1/b", "fc2/W", "fc2/b", "fc3/W", "fc3/b", "fc1/W_mask", "fc2/W_mask"}) {
            INDArray x = a.getArrForVarName(name);
            INDArray y = b.getArrForVarName(name);
            double diff = x.sub(y).amaxNumber().doubleValue();
            worst = Math.max(worst, diff);
            assertTrue(diff <= 1e-5, name + " differs by " + diff);
        }
        assertTrue(Files.readString(spark.resolve("e2e/recipe.yaml")).contains("local[2]"));
        System.err.println("max |single - spark| over all parameters and masks: " + worst);
    }
}
