package org.prune4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone Spark cluster on 127.0.0.1: a Master and two Workers, each its own JVM started
 * from the Maven jars (no Spark distribution needed), then the shaded prune4j jar submitted through
 * {@code SparkSubmit}, exactly as {@code spark-submit} would. Every process started is stopped.
 */
class StandaloneClusterIT {

    private static final Path TARGET = Path.of("target");
    /** Libraries inside the shaded jar, kept off the cluster's own classpath. */
    private static final List<String> APPLICATION_ONLY = List.of("/org/nd4j/", "/org/bytedeco/", "/prune4j-",
            "/info/picocli/", "/org/jfree/", "/me/tongfei/", "/org/jline/");
    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) { // submit first, master last
            Process p = started.get(i);
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
            }
        }
        for (Process p : started) {
            assertTrue(!p.isAlive(), "process " + p.pid() + " stopped");
        }
    }

    @Test
    void trainsAGmpRecipeOnAMasterAndTwoWorkers() throws Exception {
        Path sparkHome = sparkHome();
        int masterPort = freePort();
        String masterUrl = "spark://127.0.0.1:" + masterPort;
        start("master", sparkHome, List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(masterPort), "--webui-port", String.valueOf(freePort())));
        for (int w = 1; w <= 2; w++) {
            Path workDir = Files.createDirectories(tmp.resolve("worker" + w));
            start("worker" + w, sparkHome, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--cores", "1", "--memory", "2g", "--webui-port", String.valueOf(freePort()), "--work-dir",
                    workDir.toString(), masterUrl));
        }
        Path data = SyntheticData.images(tmp.resolve("data"), 320);
        Path recipe = Files.writeString(tmp.resolve("cluster.yaml"), TrainCommandTest.RECIPE
                .replace("steps: 120", "steps: 12").replace("evalEvery: 60", "evalEvery: 12")
                .replace("logEvery: 20", "logEvery: 4")
                .replace("schedule: {begin: 20, end: 80, frequency: 20}", "schedule: {begin: 2, end: 8, frequency: 2}")
                + "distributed: {workers: 2}\n");
        Path out = tmp.resolve("runs");
        Path jar = shadedJar();
        String cache = System.getProperty("prune4j.javacpp.cachedir",
                Path.of(System.getProperty("user.home"), ".cache/prune4j/javacpp").toString());
        Process submit = start("submit", sparkHome, List.of("org.apache.spark.deploy.SparkSubmit",
                "--master", masterUrl, "--deploy-mode", "client",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=1g",
                "--conf", "spark.executorEnv.OMP_NUM_THREADS=1",
                "--conf", "spark.executor.extraJavaOptions=-Dorg.bytedeco.javacpp.cachedir=" + cache,
                "--class", "org.prune4j.cli.Prune4j", jar.toString(),
                "train", recipe.toString(), "--data-dir", data.toString(), "--output-dir", out.toString(),
                "--master", masterUrl));
        assertTrue(submit.waitFor(8, TimeUnit.MINUTES), "spark-submit finished in time");
        assertEquals(0, submit.exitValue(), "spark-submit exit code; see " + tmp.resolve("submit.log") + ":\n"
                + tail(tmp.resolve("submit.log")));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("e2e/summary.json").toFile());
        assertEquals(12, summary.get("steps").asInt());
        assertEquals(0.8, summary.get("sparsity").get("layers").get(0).get("realized").asDouble(), 1e-4);
        assertTrue(Files.readString(tmp.resolve("submit.log")).contains("master " + masterUrl), "ran on the cluster");
    }

    /**
     * A folder that looks like a Spark distribution to the Worker: jars/ and a RELEASE file. Its jars
     * are Spark's runtime: our provided and runtime classpaths (Maven resolved Spark's dependencies
     * into both) minus what the shaded application jar brings itself.
     */
    private Path sparkHome() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("spark-home"));
        Path jars = Files.createDirectories(home.resolve("jars"));
        String all = Files.readString(TARGET.resolve("classpath-provided.txt")).strip() + ":"
                + Files.readString(TARGET.resolve("classpath.txt")).strip();
        for (String entry : all.split(":")) {
            Path jar = Path.of(entry);
            boolean application = APPLICATION_ONLY.stream().anyMatch(entry::contains);
            if (!application && !Files.exists(jars.resolve(jar.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
        }
        Files.writeString(home.resolve("RELEASE"), "Spark from Maven jars, for prune4j's integration test\n");
        return home;
    }

    private Process start(String name, Path sparkHome, List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g"));
        cmd.addAll(List.of(System.getProperty("prune4j.java17.opens", "").split(" ")));
        cmd.removeIf(String::isBlank);
        cmd.addAll(List.of("-cp", sparkHome.resolve("jars") + "/*"));
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static Path shadedJar() throws IOException {
        try (var files = Files.list(TARGET)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-spark.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no shaded jar in target/: run mvn package first"))
                    .toAbsolutePath();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
