package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prune4j.masks.ChannelFormTest.bytes;
import static org.prune4j.masks.ChannelFormTest.floats;
import static org.prune4j.masks.ChannelFormTest.gaussian;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The channel kernel's forms against the plain formulas, bit for bit: rows ending in a partial vector, and
 * column ranges that do not start on a vector boundary.
 */
class ChannelKernelTest {

    private static final ChannelKernel[] FORMS = {new ScalarChannelKernel(), ChannelKernel.fastest()};

    @ParameterizedTest(name = "{0} rows of {1}, columns [{2}, {3})")
    @CsvSource({"6, 512, 0, 512", "9, 37, 3, 37", "5, 300, 17, 290", "4, 3, 0, 3"})
    void everyFormGivesThePlainFormulasBits(int rows, int cols, int from, int to) {
        assertTrue(HostKernels.vectorApi(), "the test JVM must have jdk.incubator.vector");
        assertInstanceOf(VectorChannelKernel.class, FORMS[1]);
        SplittableRandom rng = new SplittableRandom(cols);
        float[] g = gaussian(rng, rows * cols);
        float[] w = gaussian(rng, rows * cols);
        float[] mask = gaussian(rng, cols);
        float[] scale = gaussian(rng, cols);
        double[] squares = new double[cols];
        float[] dots = new float[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = from; c < to; c++) {
                double x = w[r * cols + c];
                squares[c] += x * x;
                dots[c] += g[r * cols + c] * w[r * cols + c];
            }
        }
        float[] scaled = new float[rows * cols];
        float[] chained = g.clone();
        for (int i = cols; i < (rows - 1) * cols; i++) { // rows [1, rows - 1)
            scaled[i] = w[i] * mask[i % cols];
            chained[i] = g[i] * mask[i % cols] + w[i] * scale[i % cols];
        }

        for (ChannelKernel form : FORMS) {
            String name = form.getClass().getSimpleName();
            double[] formSquares = new double[cols];
            float[] formDots = new float[cols];
            form.squaredNorms(bytes(w), rows, cols, from, to, formSquares);
            form.dots(bytes(g), bytes(w), rows, cols, from, to, formDots);
            ByteBuffer out = bytes(new float[rows * cols]);
            form.scaleColumns(bytes(w), out, mask, 1, rows - 1);
            ByteBuffer inPlace = bytes(g);
            form.chainRule(inPlace, bytes(w), mask, scale, 1, rows - 1);
            assertArrayEquals(squares, formSquares, "squared norms, " + name);
            assertArrayEquals(dots, formDots, "dots, " + name);
            assertArrayEquals(scaled, floats(out), "scaled columns, " + name);
            assertArrayEquals(chained, floats(inPlace), "chain rule, " + name);
        }
    }
}
