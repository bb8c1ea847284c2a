package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * MaskLLM's host kernels on one thread, per logit, for LeNet-300-100's first weight (784x300, 2:4: 352,800
 * logits): with the layer's arrays in the caches from the repetition before (warm), and after 64 MB were
 * streamed through them (cold), as a training step finds them after the graph and whatever else the shared
 * machine ran. Timing on a shared machine is noisy, so this runs only on request and reports medians; the
 * figures go to docs/BENCHMARKS.md:
 *
 * <pre>mvn -o -q test -pl masks -Dtest=MaskLlmKernelBenchmark -Dprune4j.benchmark=true</pre>
 */
@EnabledIfSystemProperty(named = "prune4j.benchmark", matches = "true")
class MaskLlmKernelBenchmark {

    private static final int REPEATS = 41;
    private static final long WARMUP_NANOS = 2_000_000_000L;
    private static final int[] SHAPE = {784, 300};

    /** Streamed through the caches before a cold repetition: twice the L3 cache of reference/stack-probe.md. */
    private final float[] flush = new float[16 << 20];

    @Test
    void kernelsWarmAndCold() {
        MaskLlmKernel kernel = MaskLlmKernel.fastest();
        MaskLlmLayer layer = new MaskLlmLayer(NmCandidates.of(new NmPattern(2, 4)), SHAPE[0], SHAPE[1]);
        SplittableRandom random = new SplittableRandom(1);
        int entries = layer.entries();
        int logits = layer.count * layer.groups;
        layer.weight = MaskLlmKernelTest.direct(MaskLlmKernelTest.gaussian(random, entries, 0.1));
        layer.effective = MaskLlmLayer.scratch(entries);
        layer.gradient = MaskLlmKernelTest.direct(MaskLlmKernelTest.gaussian(random, entries, 0.1));
        layer.logits = MaskLlmKernelTest.direct(MaskLlmKernelTest.gaussian(random, logits, 0.1));
        layer.weightGradient = false; // mask-only, the method's default
        float[] noise = layer.buffer(1);
        layer.probabilities = noise;
        ByteBuffer block = MaskLlmLayer.scratch(layer.blockLogits());
        Runnable draw = () -> kernel.noise(noise, 7, 0, logits);
        Runnable forward = () -> kernel.forward(layer, noise, 0, 2f, 1.5f, 0, layer.groupRows);
        Runnable backward = () -> {
            for (int first = 0; first < layer.groupRows; first += layer.blockRows()) {
                int end = Math.min(layer.groupRows, first + layer.blockRows());
                kernel.backward(layer, -0.1f, 1.3f, first, end, block);
            }
        };
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%nMaskLLM host kernels, %dx%d 2:4, one thread, ns per logit (median of %d):%n"
                        + "| kernel | warm | cold |%n|---|---:|---:|%n", SHAPE[0], SHAPE[1], REPEATS));
        for (String name : new String[] {"noise", "forward", "backward"}) {
            Runnable pass = name.equals("noise") ? draw : name.equals("forward") ? forward : backward;
            for (long until = System.nanoTime() + WARMUP_NANOS; System.nanoTime() < until; ) { // the JIT compiles it
                pass.run();
            }
            double warm = nanosPerLogit(pass, logits, false);
            double cold = nanosPerLogit(pass, logits, true);
            assertTrue(warm > 0 && cold > 0, name);
            table.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f |%n", name, warm, cold));
        }
        System.out.println(table);
    }

    private double nanosPerLogit(Runnable pass, int logits, boolean cold) {
        double[] nanos = new double[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            if (cold) {
                for (int i = 0; i < flush.length; i += 16) { // one float per 64-byte line
                    flush[i] += 1;
                }
            }
            long start = System.nanoTime();
            pass.run();
            nanos[r] = (System.nanoTime() - start) / (double) logits;
        }
        Arrays.sort(nanos);
        return nanos[REPEATS / 2];
    }
}
