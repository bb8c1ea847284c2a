package org.prune4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prune4j.checkpoints.CheckpointStore;
import org.prune4j.checkpoints.TrainingState;

/**
 * Faults on a real standalone cluster ({@link LocalStandaloneCluster}: a Master and two Workers). One
 * 40-step GMP run is trained three times: without faults; with one executor JVM killed (SIGKILL)
 * mid-run, which Spark survives on its own (the Worker starts a new executor, the lost task runs again,
 * connects to the driver and is sent the round it had not answered);
 * and with the driver killed after a checkpoint, finished by {@code resume} submitted to the same
 * cluster. Both faulty runs must end with exactly the fault-free run's arrays: a round is a pure
 * function of (state, worker), and the driver adds the workers' results in worker order whichever
 * finishes first.
 */
class SparkFaultIT {

    private static final int STEPS = 40;
    private static final String RECIPE = """
            name: fault
            seed: 7
            model: {type: mlp, hidden: [64, 32]}
            data: {dataset: mnist}
            train: {steps: %d, batchSize: 32, learningRate: 0.003, evalEvery: %d, logEvery: 1}
            pruning:
              method: gmp
              targetSparsity: 0.8
              weights: "fc[12]/W"
              schedule: {begin: 4, end: 32, frequency: 4}
            checkpoint: {every: 10}
            distributed: {workers: 2, syncEvery: 1}
            """.formatted(STEPS, STEPS);
    private static final Pattern METRICS_LINE = Pattern.compile("step (\\d+)  loss .*");
    private static final Pattern CHECKPOINT_LINE = Pattern.compile("step (\\d+)  checkpoint .*");
    private static final Pattern RESUMING_LINE = Pattern.compile("resuming .* from step (\\d+) of \\d+ .*");
    /** Spark's own INFO lines (its default, with no conf/ in the cluster's SPARK_HOME) show every task. */
    private static final Pattern TASK_STARTED = Pattern.compile(
            ".*Starting task (\\d+)\\.0 in stage (\\S+) \\(TID (\\d+)\\) \\(127\\.0\\.0\\.1, executor (\\S+),.*");
    private static final Pattern TASK_FINISHED =
            Pattern.compile(".*Finished task \\S+ in stage \\S+ \\(TID (\\d+)\\).*");
    private static final Pattern APPLICATION = Pattern.compile("Spark .*, application (app-\\S+)");

    private LocalStandaloneCluster cluster;
    private Path data;
    private Path recipe;

    @TempDir
    Path tmp;

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aKilledExecutorOrDriverLeavesTheFinalParametersExactlyAsWithoutFaults() throws Exception {
        long t0 = System.nanoTime();
        cluster = LocalStandaloneCluster.start(tmp.resolve("cluster"), 2);
        data = SyntheticData.images(tmp.resolve("data"), 320);
        recipe = Files.writeString(tmp.resolve("fault.yaml"), RECIPE);
        long started = System.nanoTime();
        finish("clean", train("clean"));
        String cleanReport = String.format("fault-free run %.1f s", seconds(started));
        TrainingState clean = finalState("clean");

        Outcome executorFault = killAnExecutorInsideATask(clean);
        Outcome driverFault = killTheDriverAndResume(clean);
        System.out.printf("2 Workers, %d steps, syncEvery 1, %d arrays compared; whole test %.0f s%n%s%n%s%n%s%n",
                STEPS, clean.arrays().size(), seconds(t0), cleanReport, executorFault.report(), driverFault.report());
        executorFault.diffs().forEach((name, d) -> assertEquals(0.0, d, 0.0, name + " differs, executor killed"));
        driverFault.diffs().forEach((name, d) -> assertEquals(0.0, d, 0.0, name + " differs, driver killed"));
    }

    /** A faulty run's largest |difference| from the fault-free run per array, and a line of what happened. */
    private record Outcome(Map<String, Double> diffs, String report) {

        static Outcome of(TrainingState clean, TrainingState faulty, String report) {
            Map<String, Double> diffs = Checkpoints.maxAbsDifferences(clean, faulty);
            double max = diffs.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            return new Outcome(diffs, report + "; max |difference| " + max);
        }
    }

    /** Spark alone must recover: it runs the lost task again, and a Worker starts a new executor. */
    private Outcome killAnExecutorInsideATask(TrainingState clean) throws Exception {
        long started = System.nanoTime();
        Process driver = train("executor-fault");
        awaitStep("executor-fault", driver, METRICS_LINE, 12); // past the checkpoint at 10: a plain round
        RunningTask killed = killTheExecutorOfARunningTask("executor-fault", driver);
        long killedAfter = newestStep("executor-fault");
        finish("executor-fault", driver);
        String log = Files.readString(cluster.log("executor-fault"));
        assertTrue(Pattern.compile("Lost task " + killed.index() + "\\.0 in stage " + killed.stage() + " \\(TID "
                + killed.tid() + "\\).*ExecutorLostFailure").matcher(log).find(),
                "the driver lost the task whose executor was killed: " + killed);
        assertTrue(log.contains("Starting task " + killed.index() + ".1 in stage " + killed.stage() + " "),
                "Spark ran the lost task again");
        int launched = cluster.executorDirectories(match(APPLICATION, log).group(1)).size();
        assertEquals(3, launched, "a Worker started a new executor in place of the killed one");
        return Outcome.of(clean, finalState("executor-fault"), String.format("executor %s killed inside task %s.0 of"
                        + " stage %s after step %d, which ran again; %d executors launched; run %.1f s",
                killed.executor(), killed.index(), killed.stage(), killedAfter, launched, seconds(started)));
    }

    /** A dead driver takes the run with it; {@code resume}, submitted the same way, finishes it from its checkpoint. */
    private Outcome killTheDriverAndResume(TrainingState clean) throws Exception {
        long started = System.nanoTime();
        Process driver = train("driver-fault");
        awaitStep("driver-fault", driver, CHECKPOINT_LINE, 10);
        long killStep = awaitStep("driver-fault", driver, METRICS_LINE, 15);
        driver.destroyForcibly().waitFor();
        double beforeKill = seconds(started);
        started = System.nanoTime();
        finish("resume", cluster.submit("resume", "resume", run("driver-fault").toString(), "--data-dir",
                data.toString()));
        long resumedFrom = Long.parseLong(match(RESUMING_LINE, Files.readString(cluster.log("resume"))).group(1));
        assertTrue(resumedFrom >= 10 && resumedFrom <= killStep, "resumed from a checkpoint before the kill, at "
                + resumedFrom);
        assertEquals(STEPS, new ObjectMapper().readTree(run("driver-fault").resolve("summary.json").toFile())
                .get("steps").asInt(), "the resumed run's summary covers every step");
        return Outcome.of(clean, finalState("driver-fault"), String.format("driver killed after step %d, %.1f s into"
                + " its run; resume from step %d %.1f s", killStep, beforeKill, resumedFrom, seconds(started)));
    }

    /** A task the driver started and has not seen finish, and the executor running it. */
    private record RunningTask(String index, String stage, String tid, String executor) {
    }

    /**
     * Kills (SIGKILL) an executor JVM while it runs a worker's task (they run for the whole training). The
     * executor is frozen first (SIGSTOP) and killed once the driver's log still shows its task running
     * after a pause; an executor whose task the log shows finished is let go on (SIGCONT).
     */
    private RunningTask killTheExecutorOfARunningTask(String name, Process driver) throws Exception {
        Map<String, ProcessHandle> executors = cluster.executors();
        assertEquals(2, executors.size(), "one executor per Worker: " + executors);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            for (RunningTask task : runningTasks(name).values()) {
                ProcessHandle executor = executors.get(task.executor());
                if (executor == null) {
                    continue; // not one of the two this run started with
                }
                signal("STOP", executor);
                Thread.sleep(500);
                if (runningTasks(name).containsKey(task.tid())) {
                    executor.destroyForcibly();
                    return task;
                }
                signal("CONT", executor);
            }
            assertTrue(driver.isAlive(), name + " ended before a task could be caught: " + cluster.tail(name));
            Thread.sleep(5);
        }
        return fail("no running task caught in a minute: " + cluster.tail(name));
    }

    /** The tasks the driver's log shows started and not finished, by task id. */
    private Map<String, RunningTask> runningTasks(String name) throws IOException {
        Map<String, RunningTask> running = new LinkedHashMap<>();
        for (String line : Files.readAllLines(cluster.log(name))) {
            Matcher started = TASK_STARTED.matcher(line);
            Matcher finished = TASK_FINISHED.matcher(line);
            if (started.matches()) {
                running.put(started.group(3), new RunningTask(started.group(1), started.group(2), started.group(3),
                        started.group(4)));
            } else if (finished.matches()) {
                running.remove(finished.group(1));
            }
        }
        return running;
    }

    private static void signal(String signal, ProcessHandle process) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor(),
                "kill -" + signal + " " + process.pid());
    }

    /** Submits the recipe with its own output directory, so the run directory is {@code NAME/fault}. */
    private Process train(String name) throws IOException {
        return cluster.submit(name, "train", recipe.toString(), "--data-dir", data.toString(), "--output-dir",
                tmp.resolve(name).toString(), "--master", cluster.masterUrl());
    }

    private Path run(String name) {
        return tmp.resolve(name).resolve("fault");
    }

    private void finish(String name, Process submit) throws Exception {
        assertTrue(submit.waitFor(4, TimeUnit.MINUTES), name + " finished in time: " + cluster.tail(name));
        assertEquals(0, submit.exitValue(), name + " exit code; " + cluster.tail(name));
    }

    /**
     * The final checkpoint (written after the run's results); a driver killed inside a checkpoint write
     * leaves a temporary directory, which the store skips with a warning.
     */
    private TrainingState finalState(String name) throws IOException {
        return CheckpointStore.open(run(name).resolve("checkpoints").toString(), 1,
                w -> System.out.println(name + ": " + w)).load(STEPS);
    }

    /** The last step the driver has logged metrics for. */
    private long newestStep(String name) throws IOException {
        return newest(name, METRICS_LINE);
    }

    /** The largest step of the driver's log lines of {@code pattern}, -1 when there is none yet. */
    private long newest(String name, Pattern pattern) throws IOException {
        long newest = -1;
        for (String line : Files.readAllLines(cluster.log(name))) {
            Matcher m = pattern.matcher(line);
            if (m.matches()) {
                newest = Math.max(newest, Long.parseLong(m.group(1)));
            }
        }
        return newest;
    }

    /** Waits until the driver logs a line of {@code pattern} for step {@code atLeast} or later; returns its step. */
    private long awaitStep(String name, Process driver, Pattern pattern, long atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            long newest = newest(name, pattern);
            if (newest >= atLeast) {
                assertTrue(newest < STEPS, "the run must not be over before the kill: raise STEPS");
                return newest;
            }
            assertTrue(driver.isAlive(), name + " ended before step " + atLeast + ": " + cluster.tail(name));
            Thread.sleep(20);
        }
        return fail(name + " did not reach step " + atLeast + " in 3 minutes: " + cluster.tail(name));
    }

    private static Matcher match(Pattern pattern, String log) {
        Matcher m = pattern.matcher(log);
        assertTrue(m.find(), "the log has a line matching " + pattern);
        return m;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
