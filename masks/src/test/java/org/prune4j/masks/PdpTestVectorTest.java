package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The PDP test vector of reference/algorithms.md §3.7 ([DERIVED] there: W, r = 0.5, τ = 1e-2, and t,
 * m, Ŵ, ∂m/∂w for unstructured pruning; t and m for 2:4), reproduced through the SameDiff graph
 * {@link PdpMask} builds. The 2:4 Ŵ and ∂m/∂w are not in the reference: they were computed here in
 * Python float64 from the same formulas ({@code m = σ((w² - t²)/τ)}, {@code ∂m/∂w = (2w/τ)·m(1 - m)}),
 * and independently by the PyTorch reference run (reference/pytorch-reference.md, "m and ∂m/∂w match
 * to 1e-6") for the unstructured case.
 */
class PdpTestVectorTest {

    private static final double[] W = {0.10, -0.50, 0.30, 0.05, -0.20, 0.40, 0.00, 0.25};
    private static final double TAU = 1e-2;
    private static final double TOLERANCE = 1e-5;

    @Test
    void unstructuredReproducesTheReferenceVector() {
        // one output column of 8 inputs: any shape works for unstructured masks
        OneWeightGraph g = new OneWeightGraph(new PdpMask(new Unstructured(), PdpTemperature.fixed(TAU)),
                OneWeightGraph.array(W, DataType.FLOAT, 8, 1));
        g.update(0.5);
        assertEquals(0.225 * 0.225, g.sd.getArrForVarName(OneWeightGraph.W + "_pdp_t2").getDouble(0), 1e-7, "t^2");
        assertClose(new double[] {0.016915, 1.0, 0.980876, 0.008062, 0.256832, 0.999982, 0.00629, 0.766294},
                g.soft(), "m");
        assertClose(new double[] {0.001691, -0.5, 0.294263, 0.000403, -0.051366, 0.399993, 0, 0.191573},
                g.masked(), "masked W");
        assertClose(new double[] {0.332576, 0, 1.125498, 0.07997, -7.634773, 0.001422, 0, 8.954385},
                g.softMaskGradient(), "dm/dw");
        assertArrayEquals(new float[] {0, 1, 1, 0, 0, 1, 0, 1},
                g.method.hardMasks(g.sd).get(OneWeightGraph.W).data().asFloat(), "hard mask keeps {1, 2, 5, 7}");
    }

    @Test
    void twoOfFourReproducesTheReferenceVector() {
        // [nIn=4, nOut=2]: groups run down the input dimension, so column 0 is the group
        // [0.1, -0.5, 0.3, 0.05] and column 1 the group [-0.2, 0.4, 0.0, 0.25]
        double[] byColumns = {0.10, -0.20, -0.50, 0.40, 0.30, 0.00, 0.05, 0.25};
        OneWeightGraph g = new OneWeightGraph(new PdpMask(new NmPattern(2, 4), PdpTemperature.fixed(TAU)),
                OneWeightGraph.array(byColumns, DataType.FLOAT, 4, 2));
        g.update(0.5);
        INDArray t2 = g.sd.getArrForVarName(OneWeightGraph.W + "_pdp_t2");
        assertEquals(0.2 * 0.2, t2.getDouble(0, 0), 1e-7, "t of group 0");
        assertEquals(0.225 * 0.225, t2.getDouble(0, 1), 1e-7, "t of group 1");
        assertClose(byColumns(new double[] {0.047426, 1, 0.993307, 0.022977},
                new double[] {0.256832, 0.999982, 0.00629, 0.766294}), g.soft(), "m");
        assertClose(byColumns(new double[] {0.004743, -0.5, 0.297992, 0.001149},
                new double[] {-0.051366, 0.399993, 0, 0.191573}), g.masked(), "masked W");
        assertClose(byColumns(new double[] {0.903533, 0, 0.398883, 0.224494},
                new double[] {-7.634773, 0.001422, 0, 8.954385}), g.softMaskGradient(), "dm/dw");
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

    private static void assertClose(double[] expected, INDArray actual, String what) {
        double[] a = actual.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        assertEquals(expected.length, a.length, what);
        for (int i = 0; i < a.length; i++) {
            assertEquals(expected[i], a[i], TOLERANCE, what + "[" + i + "]");
        }
    }
}
