package org.prune4j.trainer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PyTorch CPU step of the same model (and, for an MLP, with MaskLLM's masks as the official code writes
 * them), run by Debian's {@code python3-torch} through {@code /usr/bin/python3} (the pyenv python on PATH
 * cannot see it), under the same thread settings.
 */
final class PyTorchBaseline {

    static final String PYTHON = "/usr/bin/python3";
    /** Without libopenblas0-pthread, Debian's torch falls back to the reference BLAS, about 20x slower. */
    static final String INSTALL = "apt-get install -y python3-torch libopenblas0-pthread";

    private final Path script;
    private final int threads;
    private final String version;
    private String blas = "not yet run";

    private PyTorchBaseline(Path script, int threads, String version) {
        this.script = script;
        this.threads = threads;
        this.version = version;
    }

    /** The BLAS library the last run loaded. */
    String blas() {
        return blas;
    }

    /** The baseline, or empty (with the reason in {@code why[0]}) when torch is not installed. */
    static Optional<PyTorchBaseline> detect(int threads, String[] why) {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch; print(torch.__version__)")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                why[0] = "PyTorch is not importable by " + PYTHON + " (install it with: " + INSTALL + ")";
                return Optional.empty();
            }
            Path script = Files.createTempFile("prune4j-pytorch-step", ".py");
            script.toFile().deleteOnExit();
            try (InputStream in = PyTorchBaseline.class.getResourceAsStream("pytorch_step.py")) {
                Files.write(script, in.readAllBytes());
            }
            return Optional.of(new PyTorchBaseline(script, threads, out));
        } catch (IOException e) {
            why[0] = PYTHON + " is not available (" + e.getMessage() + "); install PyTorch with: " + INSTALL;
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why[0] = "interrupted";
            return Optional.empty();
        }
    }

    String version() {
        return version;
    }

    /**
     * In a fresh python process, milliseconds per timed step by arm: {@code pytorch} (the dense model,
     * {@code steps} after {@code warmup}) and, for an MLP, {@code pytorch-maskllm-mask-only} and
     * {@code pytorch-maskllm-joint} ({@code maskSteps} after {@code maskWarmup}; none when maskSteps is 0).
     */
    Map<String, double[]> time(BenchModel model, int steps, int warmup, int maskSteps, int maskWarmup) {
        ProcessBuilder pb = new ProcessBuilder(PYTHON, script.toString(), model.pytorchSpec(),
                String.valueOf(model.batch()), String.valueOf(steps), String.valueOf(warmup), String.valueOf(threads),
                String.valueOf(maskSteps), String.valueOf(maskWarmup));
        String n = String.valueOf(threads);
        pb.environment().put("OMP_NUM_THREADS", n);
        pb.environment().put("OPENBLAS_NUM_THREADS", n);
        pb.environment().put("MKL_NUM_THREADS", n);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("pytorch_step.py failed for " + model.name() + ": " + err.strip());
            }
            JsonNode json = new ObjectMapper().readTree(out);
            blas = json.get("blas").asText();
            Map<String, double[]> byArm = new LinkedHashMap<>();
            json.get("step_ms").fields().forEachRemaining(arm -> {
                double[] ms = new double[arm.getValue().size()];
                for (int i = 0; i < ms.length; i++) {
                    ms[i] = arm.getValue().get(i).asDouble();
                }
                byArm.put(arm.getKey(), ms);
            });
            return byArm;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + PYTHON, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
