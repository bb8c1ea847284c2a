package org.prune4j.trainer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import org.prune4j.masks.HostKernels;
import org.prune4j.trainer.run.BuildInfo;

/** The machine a benchmark ran on, as one line for the report. */
public record Machine(String cpu, int cores, long memoryBytes, String javaVersion, String nd4j, String threads,
                      String date) {

    public static Machine describe() {
        BuildInfo build = BuildInfo.load();
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), totalMemory(),
                System.getProperty("java.version"), build.nd4jVersion() + " " + build.nd4jClassifier(),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), LocalDate.now().toString());
    }

    public String line() {
        return String.format(Locale.ROOT, "%s, %d cores, %.0f GiB, Java %s (Vector API %s), ND4J %s, "
                + "OMP_NUM_THREADS=%s, %s, load average at start %s", cpu, cores, memoryBytes / (1024.0 * 1024 * 1024),
                javaVersion, HostKernels.vectorApi() ? "on" : "off: host kernels scalar", nd4j, threads, date,
                loadAverage());
    }

    /** The 1-minute load average: on a shared machine, how busy it was while measuring. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        return procField(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
    }

    private static long totalMemory() {
        return procField(Path.of("/proc/meminfo"), "MemTotal")
                .map(v -> Long.parseLong(v.replace("kB", "").strip()) * 1024).orElse(0L);
    }

    static Optional<String> procField(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
