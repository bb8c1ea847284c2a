package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The PDP test vector of reference/algorithms.md §3.7 ([DERIVED] there: W, r = 0.5, τ = 1e-2, and t,
 * m, Ŵ, ∂m/∂w for unstructured pruning; t and m for 2:4), reproduced by the host-side threshold and
 * soft mask and through the SameDiff graph {@link PdpMask} builds (Ŵ, and dŴ/dw = m + w·∂m/∂w from
 * the backward pass). Values not in the reference (2:4 Ŵ and ∂m/∂w, and every dŴ/dw) were computed
 * here in Python float64 from the same formulas ({@code m = σ((w² - t²)/τ)},
 * {@code ∂m/∂w = (2w/τ)·m(1 - m)}); the PyTorch reference run (reference/pytorch-reference.md) matched
 * the unstructured m and ∂m/∂w to 1e-6 independently.
 */
class PdpTestVectorTest {

    private static final double[] W = {0.10, -0.50, 0.30, 0.05, -0.20, 0.40, 0.00, 0.25};
    private static final double TAU = 1e-2;
    private static final double TOLERANCE = 1e-5;

    @Test
    void unstructuredReproducesTheReferenceVector() {
        double[] t2 = PdpThresholds.entries(W, 4);
        assertEquals(0.225, Math.sqrt(t2[0]), 1e-7, "t");
        assertClose(new double[] {0.016915, 1.0, 0.980876, 0.008062, 0.256832, 0.999982, 0.00629, 0.766294},
                each(W, w -> PdpSoftMask.mask(w, t2[0], TAU)), "m");
        assertClose(new double[] {0.332576, 0, 1.125498, 0.07997, -7.634773, 0.001422, 0, 8.954385},
                each(W, w -> PdpSoftMask.derivative(w, t2[0], TAU)), "dm/dw");
        // one output column of 8 inputs: any shape works for unstructured masks
        OneWeightGraph g = new OneWeightGraph(new PdpMask(new Unstructured(), PdpTemperature.fixed(TAU)),
                OneWeightGraph.array(W, DataType.FLOAT, 8, 1));
        g.update(0.5);
        assertClose(new double[] {0.001691, -0.5, 0.294263, 0.000403, -0.051366, 0.399993, 0, 0.191573},
                values(g.masked()), "masked W");
        assertClose(new double[] {0.050173, 1.0, 1.318526, 0.01206, 1.783787, 1.000551, 0.00629, 3.00489},
                values(g.gradient()), "dŴ/dw");
        assertArrayEquals(new float[] {0, 1, 1, 0, 0, 1, 0, 1},
                g.method.hardMasks(g.sd).get(OneWeightGraph.W).data().asFloat(), "hard mask keeps {1, 2, 5, 7}");
    }

    @Test
    void twoOfFourReproducesTheReferenceVector() {
        // [nIn=4, nOut=2]: groups run down the input dimension, so column 0 is the group
        // [0.1, -0.5, 0.3, 0.05] and column 1 the group [-0.2, 0.4, 0.0, 0.25]
        double[] byColumns = byColumns(new double[] {0.10, -0.50, 0.30, 0.05}, new double[] {-0.20, 0.40, 0.00, 0.25});
        double[] t2 = PdpThresholds.groups(byColumns, 2, new NmPattern(2, 4));
        assertClose(byColumns(new double[] {0.2, 0.2, 0.2, 0.2}, new double[] {0.225, 0.225, 0.225, 0.225}),
                each(t2, Math::sqrt), "t per group");
        double[] m = new double[8];
        double[] dm = new double[8];
        for (int i = 0; i < 8; i++) {
            m[i] = PdpSoftMask.mask(byColumns[i], t2[i], TAU);
            dm[i] = PdpSoftMask.derivative(byColumns[i], t2[i], TAU);
        }
        assertClose(byColumns(new double[] {0.047426, 1, 0.993307, 0.022977},
                new double[] {0.256832, 0.999982, 0.00629, 0.766294}), m, "m");
        assertClose(byColumns(new double[] {0.903533, 0, 0.398883, 0.224494},
                new double[] {-7.634773, 0.001422, 0, 8.954385}), dm, "dm/dw");
        OneWeightGraph g = new OneWeightGraph(new PdpMask(new NmPattern(2, 4), PdpTemperature.fixed(TAU)),
                OneWeightGraph.array(byColumns, DataType.FLOAT, 4, 2));
        g.update(0.5);
        assertClose(byColumns(new double[] {0.004743, -0.5, 0.297992, 0.001149},
                new double[] {-0.051366, 0.399993, 0, 0.191573}), values(g.masked()), "masked W");
        assertClose(byColumns(new double[] {0.137779, 1.0, 1.112972, 0.034202},
                new double[] {1.783787, 1.000551, 0.00629, 3.00489}), values(g.gradient()), "dŴ/dw");
    }

    /** Interleaves two groups of 4 into the row-major {@code [4, 2]} layout. */
    private static double[] byColumns(double[] group0, double[] group1) {
        double[] out = new double[8];
        for (int i = 0; i < 4; i++) {
            out[2 * i] = group0[i];
            out[2 * i + 1] = group1[i];
        }
        return out;
    }

    private static double[] each(double[] values, DoubleUnaryOperator f) {
        return Arrays.stream(values).map(f).toArray();
    }

    private static double[] values(INDArray a) {
        return a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < actual.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE, what + "[" + i + "]");
        }
    }
}
