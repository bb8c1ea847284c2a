package org.prune4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prune4j plan} through the CLI: the table, the plot, the warnings and the exit codes. */
class PlanCommandTest {

    @TempDir
    Path tmp;

    /** What a command printed and returned. */
    record Outcome(int code, String out, String err) {
    }

    static Outcome plan(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            int code = Prune4j.run(Stream.concat(Stream.of("plan"), Stream.of(args)).toArray(String[]::new));
            return new Outcome(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Path recipe(String name, String yaml) throws Exception {
        return Files.writeString(tmp.resolve(name + ".yaml"), yaml);
    }

    /** A 500-step MLP recipe pruning to 0.5 on the given schedule. */
    private Path smallRecipe(String name, String schedule) throws Exception {
        return recipe(name, """
                model: {type: mlp, hidden: [16]}
                data: {dataset: mnist}
                train: {steps: 500}
                pruning: {method: gmp, targetSparsity: 0.5, schedule: %s}
                """.formatted(schedule));
    }

    @Test
    void quickstartPlanPrintsEveryEventAndDrawsThePlot() throws Exception {
        Path out = tmp.resolve("plan");
        Outcome o = plan("../recipes/quickstart.yaml", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        String text = o.out();
        assertTrue(text.contains("pruning: gmp, cubic from 0.0000 to 0.9000, steps 1000 to 4000 every 100 (31 events)"),
                text);
        // the cubic's midpoint (reference/algorithms.md §1.1): s_f + (s_i - s_f) / 8 = 0.9 - 0.9 / 8 = 0.7875
        assertTrue(text.lines().anyMatch(l -> l.startsWith("2500 ") && l.contains("0.7875") && l.endsWith("prune")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("4000 ") && l.contains("0.9000")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("fc1/W ") && l.contains("235200") && l.endsWith("23520")), text);
        assertTrue(text.contains("N-bar (mean active parameters):"), text);
        assertTrue(text.contains("warnings: none"), text);
        BufferedImage png = ImageIO.read(out.resolve("quickstart.png").toFile());
        assertEquals(900, png.getWidth());
        assertEquals(1000, png.getHeight(), "two panels: sparsity above, learning rate below");
        assertTrue(text.startsWith(Files.readString(out.resolve("quickstart.txt"))), "the table file is what was printed");
    }

    @Test
    void everyShippedRecipePlansWithoutWarnings() throws Exception {
        List<Path> recipes;
        try (Stream<Path> files = Files.list(Path.of("../recipes"))) {
            recipes = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(recipes.size() >= 4, recipes.toString());
        for (Path r : recipes) {
            Outcome o = plan(r.toString(), "--strict", "--out", tmp.resolve("all").toString());
            assertEquals(0, o.code(), r + ": " + o.out() + o.err());
        }
    }

    @Test
    void aComputeWindowWithErkPrintsEachWeightsTargetAndWhereTheComputeGoes() throws Exception {
        // reference/algorithms.md §2.3: 25% / 75% of compute at s = 0.8 with frequency 100 over 10,000 steps is
        // steps 1,000 and 5,000
        Path r = recipe("journey", """
                model: {type: mlp, hidden: [64, 32]}
                data: {dataset: mnist}
                train: {steps: 10000}
                pruning:
                  method: gmp
                  targetSparsity: 0.8
                  allocation: erk
                  schedule: {type: geometric, beginFraction: 0.25, endFraction: 0.75, window: compute}
                """);
        Outcome o = plan(r.toString(), "--out", tmp.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("geometric to 0.8000, steps 1000 to 5000 every 100 (41 events) [compute window "
                + "0.250 to 0.750]; erk allocation over 3 weights"), o.out());
        assertTrue(o.out().lines().anyMatch(l -> l.startsWith("step ") && l.contains("fc1/W") && l.contains("fc3/W")),
                "per-weight columns: " + o.out());
        assertTrue(o.out().lines().anyMatch(l -> l.startsWith("1000 ") && l.contains("10.0%") && l.contains("25.1%")),
                o.out());
    }

    @Test
    void aMaskllmPlanTabulatesAndDrawsTauKappaAndLambdaFromTheirFromToTheirTo() throws Exception {
        Path r = recipe("masks", """
                model: {type: mlp, hidden: [16]}
                data: {dataset: mnist}
                train: {steps: 400}
                pruning:
                  method: maskllm
                  nm: {n: 2, m: 4}
                  schedule: {begin: 100, end: 300}
                  maskllm:
                    tau: {from: 4, to: 0.05, shape: exponential}
                    kappa: {from: 10, to: 100, shape: cosine}
                """);
        Outcome o = plan(r.toString(), "--out", tmp.toString());
        assertEquals(0, o.code(), o.err());
        List<List<String>> table = o.out().lines().dropWhile(l -> !l.startsWith("step "))
                .takeWhile(l -> !l.isEmpty()).filter(l -> !l.startsWith("---") && !l.startsWith("("))
                .map(l -> List.of(l.split(" {2,}"))).toList();
        List<String> header = table.get(0);
        int tau = header.indexOf("maskllm.tau");
        int kappa = header.indexOf("maskllm.kappa");
        assertTrue(tau > 0 && kappa > 0 && header.contains("maskllm.lambda"), header.toString());
        List<String> first = table.get(1);
        List<String> last = table.get(table.size() - 1);
        assertEquals(List.of("0", "4.000", "10.00"), List.of(first.get(0), first.get(tau), first.get(kappa)));
        assertEquals(List.of("400", "0.05000", "100.0"), List.of(last.get(0), last.get(tau), last.get(kappa)));
        assertTrue(table.stream().anyMatch(row -> row.get(0).equals("200") && row.get(tau).equals("0.4472")),
                "exponential: the geometric mean sqrt(4 * 0.05) halfway: " + o.out());
        assertEquals(2500, ImageIO.read(tmp.resolve("masks.png").toFile()).getHeight(),
                "five panels: sparsity, learning rate, tau, kappa, lambda");
    }

    @Test
    void aTargetReachedOnlyAtTheLastStepWarnsAndFailsUnderStrict() throws Exception {
        Path r = smallRecipe("late", "{begin: 100, end: 500}");
        Outcome lenient = plan(r.toString(), "--out", tmp.toString());
        assertEquals(0, lenient.code());
        assertTrue(lenient.out().contains("warning: pruning.schedule.end = train.steps = 500: the target is reached only "
                + "after the last update, so no step trains at the final sparsity"), lenient.out());
        assertEquals(PlanCommand.EXIT_WARNINGS, plan(r.toString(), "--strict", "--out", tmp.toString()).code());
    }

    @Test
    void aScheduleThatCannotRunIsARecipeError() throws Exception {
        Path r = smallRecipe("backwards", "{begin: 300, end: 200}");
        Outcome o = plan(r.toString(), "--out", tmp.toString());
        assertEquals(Prune4j.EXIT_BAD_INPUT, o.code());
        assertEquals("prune4j: recipe error: pruning.schedule.end: must be >= begin=300 (equal: one shot at begin), got 200", o.err().strip());
    }
}
