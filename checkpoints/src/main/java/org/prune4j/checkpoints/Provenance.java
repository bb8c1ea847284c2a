package org.prune4j.checkpoints;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Where a result came from, written by the code rather than remembered by people (Tribuo's
 * {@code ModelProvenance}): versions, the source commit, the host and the time.
 */
public record Provenance(
        @JsonProperty("prune4j_version") String prune4jVersion,
        @JsonProperty("git_commit") String gitCommit,
        @JsonProperty("java_version") String javaVersion,
        @JsonProperty("nd4j_version") String nd4jVersion,
        @JsonProperty("host") String host,
        @JsonProperty("os") String os,
        @JsonProperty("cores") int cores,
        @JsonProperty("created_at") String createdAt) {

    private static final String UNKNOWN = "unknown";

    /** The provenance of this JVM now; the commit is read from git in the working directory when it can be. */
    public static Provenance capture(String prune4jVersion, String nd4jVersion) {
        return new Provenance(
                prune4jVersion,
                readGitCommit(),
                System.getProperty("java.version"),
                nd4jVersion,
                readHostName(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                Instant.now().toString());
    }

    /** The same provenance stamped with another time: one capture per run, a fresh time per checkpoint. */
    public Provenance at(Instant time) {
        return new Provenance(prune4jVersion, gitCommit, javaVersion, nd4jVersion, host, os, cores, time.toString());
    }

    private static String readGitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            boolean done = p.waitFor(5, TimeUnit.SECONDS);
            return done && p.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : UNKNOWN;
        } catch (IOException e) {
            return UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNKNOWN;
        }
    }

    private static String readHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
