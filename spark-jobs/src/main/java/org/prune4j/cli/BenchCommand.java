package org.prune4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.prune4j.trainer.bench.BenchReport;
import org.prune4j.trainer.bench.Benchmarks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code prune4j bench}: measure and write docs/BENCHMARKS.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure sgemm peak, training-step times (dense vs every mask method vs PyTorch) and the "
                + "quickstart end to end, and write the report. Takes about 5-10 minutes; run it on an idle machine.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "docs/BENCHMARKS.md",
            description = "The report to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick", description = "A few steps per arm: checks the harness, not the machine.")
    boolean quick;

    @Option(names = "--no-pytorch", description = "Skip the PyTorch baseline.")
    boolean noPytorch;

    @Option(names = "--no-e2e", description = "Skip the end-to-end quickstart run.")
    boolean noEndToEnd;

    @Option(names = "--e2e-recipe", paramLabel = "RECIPE", defaultValue = "recipes/quickstart.yaml",
            description = "The recipe timed end to end (default: ${DEFAULT-VALUE}).")
    Path e2eRecipe;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        Benchmarks.Plan plan = quick ? Benchmarks.Plan.quick() : Benchmarks.Plan.standard();
        Benchmarks.Results results = Benchmarks.run(plan, Benchmarks.models(), !noPytorch, System.out::println);
        BenchReport.EndToEnd e2e = noEndToEnd ? null : endToEnd();
        StringBuilder command = new StringBuilder("./prune4j bench");
        if (quick) {
            command.append(" --quick");
        }
        if (noPytorch) {
            command.append(" --no-pytorch");
        }
        if (noEndToEnd) {
            command.append(" --no-e2e");
        }
        String md = BenchReport.markdown(command.toString(), (System.nanoTime() - started) / 6e10, results, e2e);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, md);
        System.out.println(md);
        System.out.println("wrote " + out);
        return 0;
    }

    /** Trains the e2e recipe in a fresh JVM with this JVM's flags and reads its summary.json. */
    private BenchReport.EndToEnd endToEnd() throws IOException, InterruptedException {
        Path runs = Files.createTempDirectory("prune4j-bench-e2e");
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Prune4j.class.getName(), "train",
                e2eRecipe.toString(), "--output-dir", runs.toString()));
        System.out.println("end to end: ./prune4j train " + e2eRecipe);
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the end-to-end run failed with exit code " + p.exitValue());
        }
        Path summaryFile;
        try (var dirs = Files.list(runs)) {
            summaryFile = dirs.findFirst().orElseThrow().resolve("summary.json");
        }
        JsonNode s = new ObjectMapper().readTree(summaryFile.toFile());
        return new BenchReport.EndToEnd("./prune4j train " + e2eRecipe, s.get("samples_per_second").asDouble(),
                s.get("wall_seconds").asDouble(), s.get("resources").get("peak_rss_bytes").asLong(),
                s.get("resources").get("peak_offheap_bytes").asLong());
    }
}
