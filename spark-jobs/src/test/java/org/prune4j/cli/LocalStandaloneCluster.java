package org.prune4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real standalone Spark cluster on 127.0.0.1: a Master and Workers with one core each, every one its
 * own JVM started from the Maven jars (no Spark distribution needed), to which the shaded prune4j jar
 * is submitted through {@code SparkSubmit} in client mode, exactly as {@code spark-submit} would. Each
 * process writes {@code NAME.log} into the cluster's directory; {@link #close()} stops every process
 * started here, and the executors the Workers started.
 */
final class LocalStandaloneCluster implements AutoCloseable {

    private static final Path TARGET = Path.of("target");
    /** Libraries inside the shaded jar, kept off the cluster's own classpath. */
    private static final List<String> APPLICATION_ONLY = List.of("/org/nd4j/", "/org/bytedeco/", "/prune4j-",
            "/info/picocli/", "/org/jfree/", "/me/tongfei/", "/org/jline/");
    private static final Pattern EXECUTOR_ID = Pattern.compile("CoarseGrainedExecutorBackend .*--executor-id (\\S+)");

    private final Path dir;
    private final Path sparkHome;
    private final String masterUrl;
    private final List<Process> started = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();

    private LocalStandaloneCluster(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.sparkHome = sparkHome(dir.resolve("spark-home"));
        this.masterUrl = "spark://127.0.0.1:" + freePort();
    }

    /** Starts a Master and {@code workerCount} Workers; stops what it started if any start fails. */
    static LocalStandaloneCluster start(Path dir, int workerCount) throws IOException, InterruptedException {
        LocalStandaloneCluster cluster = new LocalStandaloneCluster(dir);
        try {
            cluster.launch("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", cluster.masterUrl.substring(cluster.masterUrl.lastIndexOf(':') + 1),
                    "--webui-port", String.valueOf(freePort())));
            for (int w = 1; w <= workerCount; w++) {
                Path workDir = Files.createDirectories(dir.resolve("worker" + w));
                cluster.workers.add(cluster.launch("worker" + w, List.of("org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--cores", "1", "--memory", "2g", "--webui-port",
                        String.valueOf(freePort()), "--work-dir", workDir.toString(), cluster.masterUrl)));
            }
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return masterUrl;
    }

    /** Submits the shaded jar with these prune4j arguments; the driver's output goes to {@code NAME.log}. */
    Process submit(String name, String... prune4jArgs) throws IOException {
        String cache = System.getProperty("prune4j.javacpp.cachedir",
                Path.of(System.getProperty("user.home"), ".cache/prune4j/javacpp").toString());
        List<String> command = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit",
                "--master", masterUrl, "--deploy-mode", "client",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=1g",
                "--conf", "spark.executorEnv.OMP_NUM_THREADS=1",
                "--conf", "spark.executor.extraJavaOptions=-Dorg.bytedeco.javacpp.cachedir=" + cache,
                "--class", "org.prune4j.cli.Prune4j", shadedJar().toString()));
        command.addAll(List.of(prune4jArgs));
        return launch(name, command);
    }

    /** The executor JVMs the Workers run now, by Spark's executor id. */
    Map<String, ProcessHandle> executors() {
        Map<String, ProcessHandle> byId = new TreeMap<>();
        workers.stream().flatMap(Process::descendants).forEach(p -> {
            Matcher m = EXECUTOR_ID.matcher(p.info().commandLine().orElse(""));
            if (m.find()) {
                byId.put(m.group(1), p);
            }
        });
        return byId;
    }

    /** The executor directories the Workers made for an application: one per executor ever launched. */
    List<Path> executorDirectories(String applicationId) throws IOException {
        List<Path> found = new ArrayList<>();
        for (int w = 1; w <= workers.size(); w++) {
            Path app = dir.resolve("worker" + w).resolve(applicationId);
            if (Files.isDirectory(app)) {
                try (var list = Files.list(app)) {
                    found.addAll(list.toList());
                }
            }
        }
        return found;
    }

    Path log(String name) {
        return dir.resolve(name + ".log");
    }

    /** The last 40 lines of a process's log, for failure messages. */
    String tail(String name) throws IOException {
        if (!Files.exists(log(name))) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log(name));
        return log(name) + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) { // submits first, master last
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

    private Process launch(String name, List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g"));
        cmd.addAll(List.of(System.getProperty("prune4j.java17.opens", "").split(" ")));
        cmd.removeIf(String::isBlank);
        cmd.addAll(List.of("-cp", sparkHome.resolve("jars") + "/*"));
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(name).toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /**
     * A folder that looks like a Spark distribution to the Worker: jars/ and a RELEASE file. Its jars
     * are Spark's runtime: our provided and runtime classpaths (Maven resolved Spark's dependencies
     * into both) minus what the shaded application jar brings itself.
     */
    private static Path sparkHome(Path home) throws IOException {
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
        Files.writeString(home.resolve("RELEASE"), "Spark from Maven jars, for prune4j's integration tests\n");
        return home;
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
}
