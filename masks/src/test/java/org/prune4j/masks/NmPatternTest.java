package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NmPatternTest {

    @Test
    void groupsRunDownAColumnAlongTheInputDimension() {
        // [nIn=4, nOut=2]: column 0 is one group of 4, column 1 another
        INDArray w = Nd4j.create(new float[] {
            0.1f, 9f,
            0.4f, 8f,
            0.3f, 7f,
            0.2f, 6f}, new long[] {4, 2}, 'c');
        INDArray mask = new NmPattern(2, 4).magnitudeMask(w);
        assertArrayEquals(new float[] {0, 1, 1, 1, 1, 0, 0, 0}, mask.data().asFloat());
        assertEquals(0, new NmPattern(2, 4).violations(mask));
        // a row-wise grouping would have kept (9, 8) and (7, 6) per row pair; the dense weight violates 2:4 in both columns
        assertEquals(2, new NmPattern(2, 4).violations(w));
    }

    @Test
    void everyGroupHasExactlyNNonZerosOnRandomWeights() {
        for (int[] nm : new int[][] {{1, 4}, {2, 4}, {4, 8}}) {
            NmPattern p = new NmPattern(nm[0], nm[1]);
            INDArray w = Nd4j.randn(DataType.FLOAT, 96, 40);
            INDArray mask = p.magnitudeMask(w);
            assertEquals(0, p.violations(mask), p.toString());
            assertEquals(p.sparsity(), MagnitudeMasks.sparsity(mask), 0, p.toString());
        }
    }

    @Test
    void worksOnFortranOrderedViews() {
        INDArray w = Nd4j.randn(DataType.FLOAT, 'f', 16, 8);
        INDArray mask = new NmPattern(2, 4).magnitudeMask(w);
        INDArray expected = new NmPattern(2, 4).magnitudeMask(w.dup('c'));
        assertEquals(expected, mask);
    }

    @Test
    void validatesItsArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NmPattern(5, 4));
        assertEquals("n must be in [1, m=4], got 5", e.getMessage());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> new NmPattern(2, 4).violations(Nd4j.ones(6, 3)));
        assertTrue(rows.getMessage().endsWith("multiple of m=4 for 2:4, got 6"), rows.getMessage());
    }

    @Test
    void hardMaskHasOneSparsityOrNone() {
        NmPattern p = new NmPattern(1, 4);
        INDArray w = Nd4j.randn(DataType.FLOAT, 8, 3);
        assertEquals(p.magnitudeMask(w), p.hardMask(w, 0.75));
        assertEquals(Nd4j.ones(DataType.FLOAT, 8, 3), p.hardMask(w, 0));
        assertEquals("sparsity must be 1 - n/m = 0.75 for 1:4, got 0.5",
                assertThrows(IllegalArgumentException.class, () -> p.hardMask(w, 0.5)).getMessage());
    }
}
