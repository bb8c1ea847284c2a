package org.prune4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prune4j.checkpoints.CheckpointStore;
import org.prune4j.checkpoints.TrainingState;
import org.prune4j.trainer.report.MetricsFile;

/**
 * Crash safety: a training JVM is killed with SIGKILL at random moments, again and again. After every
 * kill each checkpoint directory that carries a COMMIT must verify, the newest committed checkpoints
 * must all still be there, and the next {@code resume} must start from the newest one. Checkpoints
 * are written every 2 steps of a tiny model, so most of the run's time, and so most kills, fall inside
 * checkpoint writes: a kill lands at a random moment within two checkpoint intervals (measured on the
 * child itself) after a checkpoint line, so a run gains a few steps per kill on a slow disk or a fast
 * one alike; every fourth kill is timed from the start of the resume instead, so some land while it is
 * still restoring. At the end the run is resumed to completion and must end bit for bit where an
 * uninterrupted run ends.
 *
 * <p>The training JVMs get the flags of this one (system property {@code prune4j.test.argLine}, set
 * by failsafe from the build's {@code test.argLine}) and its classpath, plus a smaller heap, the C1
 * compiler only and the serial collector: they start 40% sooner, and none of it changes a number.
 */
class CrashResumeIT {

    private static final int KILLS = 22;
    private static final int STEPS = 600;
    private static final int KEEP = 3;
    /** Every fourth kill lands up to this long after the resume starts instead: often before training does. */
    private static final long MAX_STARTUP_DELAY_MILLIS = 1000;
    private static final Pattern CHECKPOINT_LINE = Pattern.compile("step (\\d+)  checkpoint .*");
    private static final Pattern RESUMING_LINE = Pattern.compile("resuming .* from step (\\d+) of \\d+ .*");
    private static final String RECIPE = """
            name: crash
            seed: 5
            model: {type: mlp, hidden: [16]}
            data: {dataset: mnist}
            train: {steps: %d, batchSize: 16, learningRate: 0.003, evalEvery: %d, logEvery: 10}
            pruning:
              method: gmp
              targetSparsity: 0.8
              schedule: {begin: 0, end: 300, frequency: 5}
            checkpoint: {every: %d, keep: %d}
            distributed: {master: none}
            """;

    @TempDir
    Path tmp;

    /** A training JVM and the lines it printed so far. */
    private record Child(Process process, BlockingQueue<String> lines, List<String> all) {

        /** Waits for a line that matches; fails if the process ends first. */
        Matcher await(Pattern pattern) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    Matcher m = pattern.matcher(line);
                    if (m.matches()) {
                        return m;
                    }
                } else if (!process.isAlive() && lines.isEmpty()) {
                    fail("the training JVM ended (exit " + process.exitValue() + ") before printing " + pattern
                            + ":\n" + String.join("\n", all));
                }
            }
            return fail("no line matching " + pattern + " within 3 minutes:\n" + String.join("\n", all));
        }
    }

    @Test
    void killedAtRandomMomentsItLosesNoCommittedCheckpointAndResumesExactly() throws Exception {
        Path data = SyntheticData.images(tmp.resolve("data"), 640);
        Path recipe = Files.writeString(tmp.resolve("crash.yaml"), RECIPE.formatted(STEPS, STEPS, 2, KEEP));
        Path run = tmp.resolve("runs/crash");
        String store = run.resolve("checkpoints").toString();
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        System.out.println("kill delays seeded with " + seed);

        TreeSet<Long> committed = new TreeSet<>();
        int insideWrites = 0;
        int insideRetirements = 0;
        int resumed = 0;
        List<Long> segments = new ArrayList<>();
        long started = System.nanoTime();
        for (int kill = 0; kill < KILLS; kill++) {
            Child child;
            long from;
            if (kill == 0) {
                child = start("train", recipe.toString(), "--data-dir", data.toString(), "--output-dir",
                        tmp.resolve("runs").toString());
                from = 0;
            } else {
                child = start("resume", run.toString(), "--data-dir", data.toString());
                from = Long.parseLong(child.await(RESUMING_LINE).group(1));
                assertEquals(committed.last(), from, "resume #" + kill + " starts from the newest checkpoint");
                resumed++;
            }
            if (kill % 4 == 3) {
                Thread.sleep(random.nextLong(MAX_STARTUP_DELAY_MILLIS));
            } else {
                child.await(CHECKPOINT_LINE);
                long previous = System.nanoTime();
                child.await(CHECKPOINT_LINE);
                long intervalMillis = Math.max(1, (System.nanoTime() - previous) / 1_000_000);
                Thread.sleep(random.nextLong(2 * intervalMillis));
            }
            assertTrue(child.process().isAlive(), "the run must not finish before the kill: raise STEPS");
            child.process().destroyForcibly().waitFor();
            Thread.sleep(100); // let the reader thread take the last lines
            for (String line : child.all()) {
                Matcher m = CHECKPOINT_LINE.matcher(line);
                if (m.matches()) {
                    committed.add(Long.parseLong(m.group(1)));
                }
            }

            Path dir = run.resolve("checkpoints");
            List<String> names;
            try (Stream<Path> list = Files.list(dir)) {
                names = list.map(p -> p.getFileName().toString()).sorted().toList();
            }
            insideWrites += names.stream().anyMatch(n -> n.contains(".tmp-")) ? 1 : 0;
            CheckpointStore checkpoints = CheckpointStore.open(store, KEEP, w -> { });
            TreeSet<Long> valid = new TreeSet<>();
            boolean uncommitted = false;
            for (long step : checkpoints.steps()) {
                if (Files.exists(dir.resolve(String.format("step-%09d/COMMIT", step)))) {
                    assertEquals(step, checkpoints.load(step).step(), "a committed checkpoint verifies");
                    valid.add(step);
                } else {
                    uncommitted = true;
                }
            }
            insideRetirements += uncommitted ? 1 : 0;
            assertFalse(valid.isEmpty(), "after kill #" + kill + ": no checkpoint in " + names);
            assertTrue(valid.last() >= committed.last(), "after kill #" + kill + " the newest committed checkpoint ("
                    + committed.last() + ") is gone: " + names);
            committed.addAll(valid);
            List<Long> newest = committed.descendingSet().stream().limit(KEEP).toList();
            assertTrue(valid.containsAll(newest), "after kill #" + kill + " the newest " + KEEP + " committed "
                    + newest + " must all be there: " + names);
            segments.add(committed.last() - from);
        }
        double killSeconds = (System.nanoTime() - started) / 1e9;

        Child last = start("resume", run.toString(), "--data-dir", data.toString());
        assertEquals(committed.last(), Long.parseLong(last.await(RESUMING_LINE).group(1)));
        resumed++;
        assertTrue(last.process().waitFor(5, TimeUnit.MINUTES), "the last resume finishes");
        Thread.sleep(100);
        assertEquals(0, last.process().exitValue(), String.join("\n", last.all()));

        assertEquals(0, Prune4j.run("train", Files.writeString(tmp.resolve("reference.yaml"),
                RECIPE.formatted(STEPS, STEPS, STEPS, 1).replace("name: crash", "name: reference")).toString(),
                "--data-dir", data.toString(), "--output-dir", tmp.resolve("runs").toString()));
        TrainingState crashed = Checkpoints.latest(store);
        TrainingState reference = Checkpoints.latest(tmp.resolve("runs/reference/checkpoints").toString());
        Map<String, Double> diffs = Checkpoints.maxAbsDifferences(reference, crashed);
        diffs.forEach((name, d) -> assertEquals(0.0, d, 0.0, name + " differs from the uninterrupted run"));

        List<JsonNode> rows = MetricsFile.read(run.resolve("metrics.jsonl"));
        assertEquals(LongStream.rangeClosed(1, STEPS / 10).map(i -> 10 * i).boxed().toList(),
                rows.stream().filter(r -> r.has("loss")).map(r -> r.get("step").asLong()).toList(),
                "every training row once, in order, across all the kills");
        System.out.printf("%d kills in %.0f s: %d inside a checkpoint write (a temporary directory was left), %d inside"
                        + " a retirement; %d resumes started from the newest checkpoint; steps gained per run %s; "
                        + "%d arrays equal to the uninterrupted run's (max |difference| %s)%n", KILLS, killSeconds,
                insideWrites, insideRetirements, resumed, segments, diffs.size(),
                diffs.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        assertTrue(insideWrites + insideRetirements >= KILLS / 3, "many kills should land inside checkpoint saves, got "
                + insideWrites + " inside writes and " + insideRetirements + " inside retirements");
    }

    private Child start(String... args) throws IOException {
        String flags = System.getProperty("prune4j.test.argLine");
        assertNotNull(flags, "prune4j.test.argLine is set by failsafe (mvn verify)");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(flags.trim().split("\\s+")));
        command.addAll(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")); // quicker start-up, same results
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Prune4j.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    all.add(line);
                }
            } catch (IOException e) {
                // the process was killed: its output ends here
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Child(p, lines, all);
    }
}
