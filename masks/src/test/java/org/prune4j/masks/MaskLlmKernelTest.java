package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Vector API form of MaskLLM's host kernel gives the scalar form's bits (the build's test JVMs have
 * the module): shapes whose rows end in a partial vector, several group rows per block and a range that
 * starts inside the weight.
 */
class MaskLlmKernelTest {

    @ParameterizedTest(name = "{0}:{1}, {2}x{3}")
    @CsvSource({"2, 4, 64, 37", "2, 4, 784, 300", "1, 4, 32, 64", "4, 8, 48, 21", "2, 4, 8, 3"})
    void theVectorFormGivesTheScalarFormsBits(int n, int m, int rows, int cols) {
        assertTrue(HostKernels.vectorApi(), "the test JVM must have jdk.incubator.vector");
        MaskLlmKernel vector = MaskLlmKernel.fastest();
        assertInstanceOf(VectorMaskLlmKernel.class, vector);
        NmCandidates candidates = NmCandidates.of(new NmPattern(n, m));
        MaskLlmLayer a = new MaskLlmLayer(candidates, rows, cols);
        MaskLlmLayer b = new MaskLlmLayer(candidates, rows, cols);
        SplittableRandom rng = new SplittableRandom(rows * 31L + cols);
        float[] logits = gaussian(rng, a.probabilities.length, 0.05);
        float[] weight = gaussian(rng, rows * cols, 1);
        System.arraycopy(weight, 0, a.weight, 0, weight.length);
        System.arraycopy(weight, 0, b.weight, 0, weight.length);
        long key = GumbelNoise.key(3, 17, "fc/W");
        int from = a.groupRows / 3;
        new ScalarMaskLlmKernel().forward(a, logits, null, key, 30f, 0.7f, from, a.groupRows);
        vector.forward(b, logits, null, key, 30f, 0.7f, from, b.groupRows);
        assertArrayEquals(a.probabilities, b.probabilities, "probabilities");
        assertArrayEquals(a.effective, b.effective, "W·M̃");
        assertArrayEquals(a.keptSquares, b.keptSquares, "squares");

        float[] upstream = gaussian(rng, rows * cols, 1);
        float[] ga = upstream.clone();
        float[] gb = upstream.clone();
        float[] la = new float[logits.length];
        float[] lb = new float[logits.length];
        new ScalarMaskLlmKernel().backward(a, ga, -0.3f, 42.9f, la, from, a.groupRows);
        vector.backward(b, gb, -0.3f, 42.9f, lb, from, b.groupRows);
        assertArrayEquals(ga, gb, "the weight's gradient");
        assertArrayEquals(la, lb, "the logits' gradient");
    }

    /** The noise a forward pass draws from its key is {@link GumbelNoise#sample}'s, index by index. */
    @ParameterizedTest(name = "{0}:{1}")
    @CsvSource({"2, 4", "4, 8"})
    void drawnNoiseIsTheSampledNoise(int n, int m) {
        NmCandidates candidates = NmCandidates.of(new NmPattern(n, m));
        MaskLlmLayer a = new MaskLlmLayer(candidates, 4 * m, 40);
        MaskLlmLayer b = new MaskLlmLayer(candidates, 4 * m, 40);
        float[] logits = gaussian(new SplittableRandom(1), a.probabilities.length, 0.1);
        MaskLlmKernel.fastest().forward(a, logits, null, GumbelNoise.key(5, 6, "w"), 2f, 0.5f, 0, a.groupRows);
        new ScalarMaskLlmKernel().forward(b, logits, GumbelNoise.sample(5, 6, "w", logits.length), 0, 2f, 0.5f, 0,
                b.groupRows);
        assertArrayEquals(a.probabilities, b.probabilities);
    }

    static float[] gaussian(SplittableRandom rng, int count, double std) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) (rng.nextGaussian() * std);
        }
        return out;
    }
}
