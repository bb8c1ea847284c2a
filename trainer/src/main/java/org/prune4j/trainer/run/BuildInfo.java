package org.prune4j.trainer.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions fixed at build time (from the filtered {@code build.properties}). */
public record BuildInfo(String prune4jVersion, String nd4jVersion, String nd4jClassifier) {

    public static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/prune4j/trainer/build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing from the trainer jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(p.getProperty("prune4j.version"), p.getProperty("nd4j.version"),
                p.getProperty("nd4j.classifier"));
    }
}
