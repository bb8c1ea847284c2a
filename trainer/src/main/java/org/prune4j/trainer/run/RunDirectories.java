package org.prune4j.trainer.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates a fresh directory per run: {@code base/name}, or {@code base/name-2}, ... so no earlier run is overwritten. */
public final class RunDirectories {

    private RunDirectories() {
    }

    public static Path create(Path base, String name) {
        try {
            Files.createDirectories(base);
            for (int i = 1; ; i++) {
                Path candidate = base.resolve(i == 1 ? name : name + "-" + i);
                try {
                    return Files.createDirectory(candidate);
                } catch (FileAlreadyExistsException taken) {
                    // try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory under " + base, e);
        }
    }
}
