package org.prune4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.checkpoints.TrainingState;

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
        Path single = train("eq", yaml, "none");
        Path spark = train("eq", yaml, "local[2]");
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

    /**
     * Local SGD on one worker is the single-JVM algorithm, bit for bit: what tests that the driver's
     * replay of the pruned entries' Adam moments (which no longer travel) is exactly what the steps did.
     * Pruned weights themselves are compared behind their masks: Spark ships them as zeros, one JVM lets
     * Adam's decaying moments move them where the mask hides them. Bit for bit because the worker's
     * batch (32) is a power of two: the driver's mean {@code (v·32)/32} gives back v exactly.
     */
    @Test
    void oneWorkerWithLocalSgdMatchesOneJvmBitForBitIncludingThePrunedMoments() throws Exception {
        String yaml = TrainCommandTest.RECIPE.replace("steps: 120", "steps: 24")
                .replace("schedule: {begin: 20, end: 80, frequency: 20}", "schedule: {begin: 8, end: 8, frequency: 8}")
                .replace("evalEvery: 60", "evalEvery: 24")
                + "distributed: {syncEvery: 8}\ncheckpoint: {every: 24}\n";
        Path single = train("local-sgd", yaml, "none");
        Path spark = train("local-sgd", yaml, "local[1]");
        TrainingState a = Checkpoints.latest(single.resolve("e2e/checkpoints").toString());
        TrainingState b = Checkpoints.latest(spark.resolve("e2e/checkpoints").toString());
        assertEquals(a.arrays().keySet(), b.arrays().keySet());
        assertTrue(a.arrays().keySet().stream().anyMatch(n -> n.endsWith("fc1/W/M")), a.arrays().keySet().toString());
        a.arrays().forEach((name, x) -> {
            INDArray y = b.arrays().get(name);
            INDArray mask = a.arrays().get(name + "_mask");
            if (mask != null) {
                x = x.mul(mask);
                y = y.mul(mask);
            }
            assertEquals(0.0, x.castTo(DataType.DOUBLE).sub(y.castTo(DataType.DOUBLE)).amaxNumber().doubleValue(), 0.0,
                    name); // INDArray.equals would allow 1e-5
        });
    }

    /** Trains {@code yaml} on {@code master}; returns the output directory (the run is in its {@code e2e/}). */
    private static Path train(String name, String yaml, String master) throws Exception {
        Path recipe = Files.writeString(tmp.resolve(name + ".yaml"), yaml);
        Path out = tmp.resolve(name + "-" + master.replaceAll("\\W", ""));
        assertEquals(0, Prune4j.run("train", recipe.toString(), "--data-dir", data.toString(), "--master", master,
                "--output-dir", out.toString()));
        return out;
    }
}
