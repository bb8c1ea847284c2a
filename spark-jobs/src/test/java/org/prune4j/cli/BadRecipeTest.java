package org.prune4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through the real CLI: each case must print one message naming the field, the rule and
 * the value, exit with 2, and leave no output directory behind.
 */
class BadRecipeTest {

    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void syntheticImages() throws Exception {
        data = SyntheticData.images(tmp.resolve("data"), 80);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key             | batchSize: 32 | batchSize: 32, epochs: 2 | train.epochs: is not a known key
            sparsity of one         | targetSparsity: 0.8 | targetSparsity: 1 | pruning.targetSparsity: must be in [0, 1), got 1.0
            sparsity below zero     | targetSparsity: 0.8 | targetSparsity: -0.5 | pruning.targetSparsity: must be in [0, 1), got -0.5
            N greater than M        | targetSparsity: 0.8 | nm: {n: 6, m: 4} | pruning.nm.n: must be <= m=4
            zero steps              | steps: 120 | steps: 0 | train.steps: must be a positive integer, got 0
            negative batch          | batchSize: 32 | batchSize: -1 | train.batchSize: must be a positive integer, got -1
            pattern matches nothing | fc[12]/W | conv.*/W | pruning.weights: must match at least one prunable weight
            unknown method          | method: gmp | method: magic | pruning.method: must be one of none, gmp, pdp, maskllm, got 'magic'
            N:M does not divide     | targetSparsity: 0.8 | nm: {n: 2, m: 5} | pruning.nm.m: must divide the input dimension 784 of fc1/W, got 5
            missing user data       | DATA | /nonexistent/prune4j-data | data error:
            not YAML                | name: e2e | name: [e2e | recipe: must be valid YAML
            """)
    void badInputExitsTwoWithOneMessageAndWritesNothing(String kind, String from, String to, String expected)
            throws Exception {
        Path out = tmp.resolve("out-" + kind.replace(' ', '-'));
        String yaml = TrainCommandTest.RECIPE.replace(from, to);
        Path recipe = Files.writeString(tmp.resolve(kind.replace(' ', '-') + ".yaml"), yaml);
        String dataDir = from.equals("DATA") ? to : data.toString();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Prune4j.run("train", recipe.toString(), "--data-dir", dataDir, "--output-dir", out.toString());
        } finally {
            System.setErr(originalErr);
        }
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, kind + ": " + message);
        assertTrue(message.contains(expected), kind + ": " + message);
        // ND4J may log its start-up on stderr too; prune4j itself says exactly one line and no stack trace
        assertEquals(1, message.lines().filter(l -> l.startsWith("prune4j:")).count(), kind + ": " + message);
        assertFalse(message.contains("Exception") || message.contains("\tat "), kind + ": no stack trace: " + message);
        assertFalse(Files.exists(out), kind + ": nothing written");
    }
}
