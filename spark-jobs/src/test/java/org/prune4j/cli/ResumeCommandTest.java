package org.prune4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prune4j.checkpoints.TrainingState;
import org.prune4j.trainer.report.MetricsFile;

/**
 * {@code prune4j resume} end to end on synthetic data. One run of 120 steps with a checkpoint every 40
 * is trained once; each test resumes a copy of it.
 */
class ResumeCommandTest {

    static final String RECIPE = TrainCommandTest.RECIPE.replace("name: e2e", "name: base")
            + "checkpoint: {every: 40}\n";

    @TempDir
    static Path tmp;
    static Path data;
    static Path base;

    @BeforeAll
    static void trainTheBaseRun() throws Exception {
        data = SyntheticData.images(tmp.resolve("data"), 640);
        CliRun train = train("base", RECIPE);
        assertEquals(0, train.code(), train.toString());
        base = tmp.resolve("runs/base");
    }

    static CliRun train(String name, String yaml) throws Exception {
        Path recipe = Files.writeString(tmp.resolve(name + ".yaml"), yaml);
        return CliRun.of("train", recipe.toString(), "--data-dir", data.toString(), "--output-dir",
                tmp.resolve("runs").toString());
    }

    static CliRun resume(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "resume";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--data-dir";
        all[args.length + 2] = data.toString();
        return CliRun.of(all);
    }

    static Path copyOfBase(String name) throws Exception {
        return Checkpoints.copy(base, tmp.resolve("copies/" + name));
    }

    @Test
    void trainWritesACheckpointEveryNStepsAndTheLastAfterTheResults() throws Exception {
        try (var names = Files.list(base.resolve("checkpoints"))) {
            assertEquals(List.of("step-000000040", "step-000000080", "step-000000120"),
                    names.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.getLastModifiedTime(base.resolve("checkpoints/step-000000120/COMMIT")).toMillis()
                >= Files.getLastModifiedTime(base.resolve("model.fb")).toMillis(), "the final checkpoint comes last");
    }

    @Test
    void extendingAFinishedRunEqualsTrainingLongerInOneGo() throws Exception {
        Path run = copyOfBase("extended");
        CliRun resumed = resume(run.toString(), "--steps", "200");
        assertEquals(0, resumed.code(), resumed.toString());
        assertTrue(resumed.out().contains("resuming " + run + " from step 120 of 200"), resumed.out());
        assertTrue(resumed.out().contains("step 160  checkpoint file:" + run.resolve("checkpoints/step-000000160")),
                resumed.out());

        CliRun oneGo = train("longer", RECIPE.replace("name: base", "name: longer").replace("steps: 120", "steps: 200"));
        assertEquals(0, oneGo.code(), oneGo.toString());
        TrainingState extended = Checkpoints.latest(run.resolve("checkpoints").toString());
        TrainingState reference = Checkpoints.latest(tmp.resolve("runs/longer/checkpoints").toString());
        assertEquals(200, extended.step());
        Checkpoints.assertSameArrays(reference, extended);

        List<JsonNode> rows = MetricsFile.read(run.resolve("metrics.jsonl"));
        assertEquals(LongStream.rangeClosed(1, 10).map(i -> 20 * i).boxed().toList(),
                rows.stream().filter(r -> r.has("loss")).map(r -> r.get("step").asLong()).toList(),
                "every training row once, in order");
        assertEquals(List.of(60L, 120L, 180L, 200L),
                rows.stream().filter(r -> r.has("test_accuracy")).map(r -> r.get("step").asLong()).toList());
        assertTrue(Files.readString(run.resolve("recipe.yaml")).contains("steps: 200"));
        assertTrue(Files.readString(run.resolve("summary.json")).contains("\"steps\" : 200"));
    }

    @Test
    void aRecipeThatDiffersIsRefusedListingTheFieldsUnlessAllowed() throws Exception {
        Path run = copyOfBase("changed");
        Path recipe = run.resolve("recipe.yaml");
        Files.writeString(recipe, Files.readString(recipe).replace("learningRate: 0.003", "learningRate: 0.001")
                .replace("logEvery: 20", "logEvery: 40"));
        String metrics = Files.readString(run.resolve("metrics.jsonl"));

        CliRun refused = resume(run.toString(), "--steps", "160");
        assertEquals(2, refused.code(), refused.toString());
        assertEquals("prune4j: resume refused: the recipe differs from the checkpoint's in train.learningRate, "
                + "train.logEvery; pass --allow-recipe-change train.learningRate train.logEvery to continue under "
                + "the new values", refused.messages());
        assertEquals(metrics, Files.readString(run.resolve("metrics.jsonl")), "nothing written");

        CliRun allowed = resume(run.toString(), "--steps", "160", "--allow-recipe-change", "train");
        assertEquals(0, allowed.code(), allowed.toString());
        assertEquals(160, Checkpoints.latest(run.resolve("checkpoints").toString()).step());
    }

    @Test
    void otherDataOrAnotherModelIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path run = copyOfBase("mismatch");
        String recipe = Files.readString(run.resolve("recipe.yaml"));
        String metrics = Files.readString(run.resolve("metrics.jsonl"));
        Path halfTheImages = SyntheticData.images(tmp.resolve("data-320"), 320);
        CliRun otherData = CliRun.of("resume", run.toString(), "--steps", "160", "--data-dir", halfTheImages.toString());
        assertEquals(2, otherData.code(), otherData.toString());
        assertEquals("prune4j: resume refused: the data does not match the checkpoint's: at step 120 data.epoch is 12 "
                + "here and 6 in the checkpoint (other training data, or another batch size?)", otherData.messages());

        Files.writeString(run.resolve("recipe.yaml"), recipe.replace("- 64", "- 48"));
        CliRun otherModel = resume(run.toString(), "--steps", "160", "--allow-recipe-change", "model.hidden");
        assertEquals(2, otherModel.code(), otherModel.toString());
        assertEquals("prune4j: resume refused: the checkpoint does not fit this model: graph/fc1/W is FLOAT[784, 64] "
                + "in the checkpoint and FLOAT[784, 48] here", otherModel.messages());
        assertEquals(recipe.replace("- 64", "- 48"), Files.readString(run.resolve("recipe.yaml")), "nothing written");
        assertEquals(metrics, Files.readString(run.resolve("metrics.jsonl")), "nothing written");
    }

    @Test
    void aFinishedRunHasNothingToTrainWithoutMoreSteps() {
        CliRun finished = resume(base.toString());
        assertEquals(2, finished.code(), finished.toString());
        assertEquals("prune4j: nothing to train: the checkpoint is at step 120 and train.steps is 120; pass --steps N "
                + "(N > 120) to train further", finished.messages());
    }

    @Test
    void aDamagedNewestCheckpointIsSkippedWithAWarningAndWrittenAgainIdentically() throws Exception {
        Path run = copyOfBase("damaged");
        TrainingState original = Checkpoints.latest(run.resolve("checkpoints").toString());
        Checkpoints.flipLastByte(run.resolve("checkpoints/step-000000120/arrays/0003.npy"));

        CliRun resumed = resume(run.toString());
        assertEquals(0, resumed.code(), resumed.toString());
        assertTrue(resumed.messages().startsWith("prune4j: warning: skipping an incomplete or damaged checkpoint: file:"
                + run.resolve("checkpoints/step-000000120/arrays/0003.npy") + " does not match its manifest entry"),
                resumed.messages());
        assertTrue(resumed.out().contains("from step 80 of 120"), resumed.out());
        assertTrue(resumed.messages().contains("prune4j: warning: replacing an incomplete or damaged checkpoint"),
                resumed.messages());
        Checkpoints.assertSameArrays(original, Checkpoints.latest(run.resolve("checkpoints").toString()));
    }

    @Test
    void aCheckpointUriResumesItsRunUnlessNewerCheckpointsWouldBeReplaced() throws Exception {
        Path run = copyOfBase("by-uri");
        String step80 = run.resolve("checkpoints/step-000000080").toUri().toString();
        CliRun refused = resume(step80);
        assertEquals(2, refused.code(), refused.toString());
        assertTrue(refused.messages().contains("holds checkpoints after step 80 (steps [120]) that this resume would "
                + "replace"), refused.messages());

        Checkpoints.copy(run.resolve("checkpoints/step-000000120"), tmp.resolve("set-aside"));
        try (var files = Files.walk(run.resolve("checkpoints/step-000000120"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        CliRun resumed = resume(step80);
        assertEquals(0, resumed.code(), resumed.toString());
        assertTrue(resumed.out().contains("resuming " + run + " from step 80 of 120"), resumed.out());
    }

    @Test
    void aRunWithoutCheckpointsCannotBeResumed() throws Exception {
        assertEquals(0, train("dense", TrainCommandTest.RECIPE.replace("name: e2e", "name: dense")
                .replace("steps: 120", "steps: 20").replace("begin: 20, end: 80, frequency: 20",
                        "begin: 0, end: 20, frequency: 10")).code());
        CliRun refused = resume(tmp.resolve("runs/dense").toString());
        assertEquals(2, refused.code(), refused.toString());
        assertEquals("prune4j: " + tmp.resolve("runs/dense") + " has no checkpoints to resume from (checkpoint.every "
                + "is 0 in its recipe.yaml)", refused.messages());
        assertFalse(Files.exists(tmp.resolve("runs/dense/checkpoints")));
    }
}
