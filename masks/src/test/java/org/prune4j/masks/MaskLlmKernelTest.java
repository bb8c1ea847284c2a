package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
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
        for (MaskLlmLayer layer : new MaskLlmLayer[] {a, b}) {
            layer.logits = direct(logits);
            layer.weight = direct(weight);
            layer.effective = MaskLlmLayer.scratch(weight.length);
        }
        long key = GumbelNoise.key(3, 17, "fc/W");
        int from = a.groupRows / 3;
        new ScalarMaskLlmKernel().forward(a, null, key, 30f, 0.7f, from, a.groupRows);
        vector.forward(b, null, key, 30f, 0.7f, from, b.groupRows);
        assertArrayEquals(a.probabilities, b.probabilities, "probabilities");
        assertEquals(a.effective, b.effective, "W·M̃");
        assertArrayEquals(a.keptSquares, b.keptSquares, "squares");

        float[] upstream = gaussian(rng, rows * cols, 1);
        for (MaskLlmLayer layer : new MaskLlmLayer[] {a, b}) {
            layer.gradient = direct(upstream);
        }
        int blockLogits = a.count * (a.groupRows - from) * cols;
        ByteBuffer scalarOut = MaskLlmLayer.scratch(blockLogits);
        ByteBuffer vectorOut = MaskLlmLayer.scratch(blockLogits);
        new ScalarMaskLlmKernel().backward(a, -0.3f, 42.9f, from, a.groupRows, scalarOut);
        vector.backward(b, -0.3f, 42.9f, from, b.groupRows, vectorOut);
        assertEquals(a.gradient, b.gradient, "the weight's gradient");
        assertEquals(scalarOut, vectorOut, "the logits' gradient");

        // W frozen: no weight gradient written, the same logits' gradient
        ByteBuffer frozenOut = MaskLlmLayer.scratch(blockLogits);
        b.gradient = direct(upstream);
        b.weightGradient = false;
        vector.backward(b, -0.3f, 42.9f, from, b.groupRows, frozenOut);
        assertEquals(direct(upstream), b.gradient, "a frozen weight's gradient is left as it came");
        assertEquals(scalarOut, frozenOut, "the logits' gradient with the weight frozen");
    }

    /**
     * The noise a forward pass draws from its key is {@link GumbelNoise#sample}'s, index by index; and the
     * vector form given that noise (as training gives it, drawn ahead) gives the scalar form's bits.
     */
    @ParameterizedTest(name = "{0}:{1}")
    @CsvSource({"2, 4", "4, 8"})
    void drawnNoiseIsTheSampledNoise(int n, int m) {
        NmCandidates candidates = NmCandidates.of(new NmPattern(n, m));
        MaskLlmLayer drawn = new MaskLlmLayer(candidates, 4 * m, 40);
        MaskLlmLayer scalar = new MaskLlmLayer(candidates, 4 * m, 40);
        MaskLlmLayer vector = new MaskLlmLayer(candidates, 4 * m, 40);
        float[] logits = gaussian(new SplittableRandom(1), drawn.probabilities.length, 0.1);
        float[] weight = gaussian(new SplittableRandom(2), drawn.entries(), 1);
        for (MaskLlmLayer layer : new MaskLlmLayer[] {drawn, scalar, vector}) {
            layer.logits = direct(logits);
            layer.weight = direct(weight);
            layer.effective = MaskLlmLayer.scratch(layer.entries());
        }
        float[] noise = GumbelNoise.sample(5, 6, "w", logits.length);
        MaskLlmKernel.fastest().forward(drawn, null, GumbelNoise.key(5, 6, "w"), 2f, 0.5f, 0, drawn.groupRows);
        new ScalarMaskLlmKernel().forward(scalar, noise, 0, 2f, 0.5f, 0, scalar.groupRows);
        MaskLlmKernel.fastest().forward(vector, noise, 0, 2f, 0.5f, 0, vector.groupRows);
        assertArrayEquals(scalar.probabilities, drawn.probabilities, "drawn noise");
        assertArrayEquals(scalar.probabilities, vector.probabilities, "given noise");
        assertEquals(scalar.effective, vector.effective, "W·M̃ with the given noise");
        // as training runs them: the noise in the probabilities' own array, overwritten in place
        for (MaskLlmKernel kernel : new MaskLlmKernel[] {MaskLlmKernel.fastest(), new ScalarMaskLlmKernel()}) {
            MaskLlmLayer inPlace = new MaskLlmLayer(candidates, 4 * m, 40);
            inPlace.logits = direct(logits);
            inPlace.weight = direct(weight);
            inPlace.effective = MaskLlmLayer.scratch(inPlace.entries());
            System.arraycopy(noise, 0, inPlace.probabilities, 0, noise.length);
            kernel.forward(inPlace, inPlace.probabilities, 0, 2f, 0.5f, 0, inPlace.groupRows);
            assertArrayEquals(scalar.probabilities, inPlace.probabilities, "in place, " + kernel.getClass());
            assertEquals(scalar.effective, inPlace.effective, "W·M̃ in place, " + kernel.getClass());
        }
    }

    /** A direct buffer holding {@code values} as float bytes in the platform's order. */
    static ByteBuffer direct(float[] values) {
        ByteBuffer out = MaskLlmLayer.scratch(values.length);
        out.asFloatBuffer().put(values);
        return out;
    }

    static float[] gaussian(SplittableRandom rng, int count, double std) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) (rng.nextGaussian() * std);
        }
        return out;
    }
}
