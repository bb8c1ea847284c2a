package org.prune4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.masks.MagnitudeMasks;
import org.prune4j.masks.NmPattern;

/** End to end through the CLI on synthetic IDX data: what a run writes, and the summary.json contract. */
class TrainCommandTest {

    @TempDir
    static Path tmp;
    static Path data;

    static final String RECIPE = """
            name: e2e
            seed: 7
            model: {type: mlp, hidden: [64, 32]}
            data: {dataset: mnist}
            train: {steps: 120, batchSize: 32, learningRate: 0.003, evalEvery: 60, logEvery: 20}
            pruning:
              method: gmp
              targetSparsity: 0.8
              weights: "fc[12]/W"
              schedule: {begin: 20, end: 80, frequency: 20}
            """;

    @BeforeAll
    static void syntheticImages() throws Exception {
        data = SyntheticData.images(tmp.resolve("data"), 640);
    }

    static Path recipe(String name, String yaml) throws Exception {
        return Files.writeString(tmp.resolve(name + ".yaml"), yaml);
    }

    @Test
    void trainWritesTheRunDirectoryWithExactSparsity() throws Exception {
        Path out = tmp.resolve("runs");
        int code = Prune4j.run("train", recipe("e2e", RECIPE).toString(), "--data-dir", data.toString(),
                "--output-dir", out.toString());
        assertEquals(0, code);
        Path run = out.resolve("e2e");
        for (String f : List.of("recipe.yaml", "metrics.jsonl", "summary.json", "sparsity.md", "model.fb",
                "plots/loss.png", "plots/sparsity.png", "plots/test_accuracy.png", "plots/learning_rate.png")) {
            assertTrue(Files.size(run.resolve(f)) > 0, f);
        }
        JsonNode s = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        for (String key : List.of("recipe_sha256", "steps", "final_train_loss", "metrics", "sparsity", "wall_seconds",
                "samples_per_second")) {
            assertTrue(s.has(key), key);
        }
        assertEquals(64, s.get("recipe_sha256").asText().length());
        assertEquals(120, s.get("steps").asInt());
        assertTrue(s.get("metrics").get("test_accuracy").asDouble() > 0.5, "learns the synthetic classes");
        JsonNode layers = s.get("sparsity").get("layers");
        assertEquals(2, layers.size(), "fc3 is not selected");
        for (JsonNode l : layers) {
            long size = l.get("size").asLong();
            assertEquals(Math.round(size * 0.8), Math.round(l.get("realized").asDouble() * size), l.get("name").asText());
            assertEquals(0.8, l.get("target").asDouble(), 0);
            assertEquals(0, l.get("nm_violations").asInt());
        }
        // the exported model holds the sparsity in its weights
        SameDiff model = SameDiff.load(run.resolve("model.fb").toFile(), false);
        assertEquals(0.8, MagnitudeMasks.sparsity(model.getArrForVarName("fc1/W")), 1.0 / (784 * 64));
        assertEquals(0.0, MagnitudeMasks.sparsity(model.getArrForVarName("fc3/W")), 0);
        // a second run keeps the first
        assertEquals(0, Prune4j.run("train", recipe("e2e", RECIPE).toString(), "--data-dir", data.toString(),
                "--output-dir", out.toString()));
        assertTrue(Files.exists(out.resolve("e2e-2/summary.json")));
    }

    @Test
    void identicalRecipesGiveIdenticalModels() throws Exception {
        Path out = tmp.resolve("repro");
        String yaml = RECIPE.replace("name: e2e", "name: repro");
        for (int i = 0; i < 2; i++) {
            assertEquals(0, Prune4j.run("train", recipe("repro", yaml).toString(), "--data-dir", data.toString(),
                    "--output-dir", out.toString()));
        }
        INDArray a = SameDiff.load(out.resolve("repro/model.fb").toFile(), false).getArrForVarName("fc2/W");
        INDArray b = SameDiff.load(out.resolve("repro-2/model.fb").toFile(), false).getArrForVarName("fc2/W");
        assertArrayEquals(a.data().asFloat(), b.data().asFloat(), 0f);
    }

    @Test
    void nmPruningLeavesExactlyNPerGroupAndExportAndReportWork() throws Exception {
        Path out = tmp.resolve("nm");
        String yaml = RECIPE.replace("name: e2e", "name: nm").replace("targetSparsity: 0.8", "nm: {n: 2, m: 4}");
        assertEquals(0, Prune4j.run("train", recipe("nm", yaml).toString(), "--data-dir", data.toString(),
                "--output-dir", out.toString()));
        Path run = out.resolve("nm");
        SameDiff model = SameDiff.load(run.resolve("model.fb").toFile(), false);
        for (String w : List.of("fc1/W", "fc2/W")) {
            INDArray weight = model.getArrForVarName(w);
            assertEquals(0, new NmPattern(2, 4).violations(weight), w);
            assertEquals(0.5, MagnitudeMasks.sparsity(weight), 0, w);
        }
        Path exported = tmp.resolve("nm-exported.fb");
        assertEquals(0, Prune4j.run("export", run.toString(), "--out", exported.toString()));
        assertTrue(Files.size(exported) > 0);
        assertEquals(2, Prune4j.run("export", run.toString(), "--out", exported.toString()), "never overwrites");
        Files.delete(run.resolve("sparsity.md"));
        assertEquals(0, Prune4j.run("report", run.toString()));
        assertTrue(Files.readString(run.resolve("sparsity.md")).contains("| `fc1/W` | 50176 | 0.5000 | 0.5000 | 25088 | 0 |"));
        assertFalse(Files.exists(run.resolve("plots/nothing.png")));
    }

    /** Trains RECIPE renamed to {@code name} and edited by {@code yaml}, with extra CLI options; returns the run. */
    private static Path train(String name, UnaryOperator<String> edit, String... options) throws Exception {
        Path out = tmp.resolve("out-" + name);
        String yaml = edit.apply(RECIPE.replace("name: e2e", "name: " + name));
        List<String> args = new ArrayList<>(List.of("train", recipe(name, yaml).toString(), "--data-dir",
                data.toString(), "--output-dir", out.toString()));
        args.addAll(List.of(options));
        assertEquals(0, Prune4j.run(args.toArray(String[]::new)), name);
        return out.resolve(name);
    }

    @Test
    void pdpEndsWithTheExactGlobalBudgetBakedIntoTheModelAndRecordsTheSeedOption() throws Exception {
        Path run = train("pdp", yaml -> yaml.replace("method: gmp", "method: pdp\n  scope: global")
                .replace("frequency: 20}", "frequency: 1, power: 1}\n  pdp: {freezeAt: 80}"), "--seed", "11");
        assertTrue(Files.readString(run.resolve("recipe.yaml")).contains("seed: 11"), "--seed is recorded");
        JsonNode s = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertTrue(s.get("metrics").get("test_accuracy").asDouble() > 0.5, "learns the synthetic classes");
        long size = 0;
        long zeros = 0;
        for (JsonNode l : s.get("sparsity").get("layers")) {
            size += l.get("size").asLong();
            zeros += Math.round(l.get("realized").asDouble() * l.get("size").asLong());
        }
        assertEquals(Math.round(size * 0.8), zeros, "one global budget, exact over fc1 and fc2");
        SameDiff model = SameDiff.load(run.resolve("model.fb").toFile(), false);
        long baked = MagnitudeMasks.zeros(model.getArrForVarName("fc1/W")) + MagnitudeMasks.zeros(model.getArrForVarName("fc2/W"));
        assertEquals(Math.round(size * 0.8), baked, "the hard masks are baked into the saved weights");
    }

    @Test
    void pdpTwoOfFourSavesExactlyTwoNonZerosPerGroup() throws Exception {
        Path run = train("pdpnm", yaml -> yaml.replace("method: gmp", "method: pdp")
                .replace("targetSparsity: 0.8", "nm: {n: 2, m: 4}"));
        SameDiff model = SameDiff.load(run.resolve("model.fb").toFile(), false);
        for (String w : List.of("fc1/W", "fc2/W")) {
            INDArray weight = model.getArrForVarName(w);
            assertEquals(0, new NmPattern(2, 4).violations(weight), w);
            assertEquals(0.5, MagnitudeMasks.sparsity(weight), 0, w);
        }
    }
}
