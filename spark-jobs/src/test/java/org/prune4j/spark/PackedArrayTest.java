package org.prune4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.prune4j.masks.MagnitudeMasks;
import org.prune4j.masks.NmPattern;

class PackedArrayTest {

    @Test
    void roundTripsKeptValuesAndTheMaskAndCostsAFractionOfDense() {
        INDArray w = Nd4j.randn(DataType.FLOAT, 784, 300);
        INDArray mask = MagnitudeMasks.layerMask(w, 0.9);
        PackedArray p = PackedArray.packIfSparse(w, mask);
        assertEquals(w.mul(mask), p.values());
        assertEquals(mask, p.mask());
        long dense = 784L * 300 * 4;
        assertEquals(784L * 300 / 8 + Math.round(784 * 300 * 0.1) * 4, p.bytes());
        assertTrue(p.bytes() * 6 < dense, "90% sparse: under a sixth of dense");
    }

    @Test
    void packedSumsAddKeptValues() {
        INDArray mask = new NmPattern(2, 4).magnitudeMask(Nd4j.randn(DataType.FLOAT, 16, 8));
        INDArray a = Nd4j.randn(DataType.FLOAT, 16, 8);
        INDArray b = Nd4j.randn(DataType.FLOAT, 16, 8);
        INDArray sum = PackedArray.packIfSparse(a, mask).addKept(PackedArray.packIfSparse(b, mask)).values();
        assertEquals(a.add(b).mul(mask), sum);
    }

    /** A weight's Adam moment, flat like ND4J's state view, packed at the weight's kept entries. */
    @Test
    void momentsPackLikeTheirWeightAndMergeWithTheIdleDecayReplayed() {
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 0, 0}, {0, 0, 1}});
        PackedArray weight = PackedArray.packIfSparse(Nd4j.ones(DataType.FLOAT, 2, 3), mask);
        PackedArray sum = weight.packAlike(Nd4j.createFromArray(new float[] {8, -1, -1, -1, -1, 12}));
        assertEquals(2, sum.keptValues.length);
        INDArray moment = Nd4j.createFromArray(new float[] {5, 2, 3, 4, 0.5f, 6});
        sum.mergeInto(moment, 4, 0.9f, 3);
        float decayed = 2f * 0.9f * 0.9f * 0.9f; // three float multiplications, as three idle steps make
        assertArrayEquals(new float[] {2, decayed, 3f * 0.9f * 0.9f * 0.9f, 4f * 0.9f * 0.9f * 0.9f,
                0.5f * 0.9f * 0.9f * 0.9f, 3}, moment.toFloatVector(), 0f);
    }

    /**
     * Packing a product in place gives the bits of packing the dense product, and unpacking overwrites every
     * entry: read from and written to a view at an offset (Adam's second moment) in place, and to a
     * column-major array through a copy.
     */
    @Test
    void scaledPackingAndUnpackingInPlaceMatchTheDenseWayOnViewsAndOtherLayouts() {
        INDArray mask = MagnitudeMasks.layerMask(Nd4j.randn(DataType.FLOAT, 30, 20), 0.8);
        PackedArray weight = PackedArray.packIfSparse(Nd4j.randn(DataType.FLOAT, 30, 20), mask);
        INDArray state = Nd4j.randn(DataType.FLOAT, 1, 2 * 600);
        Map<String, INDArray> moments = new Adam(1e-3).instantiate(state, true).getState();
        INDArray secondHalf = moments.get("V");
        INDArray columnMajor = Nd4j.randn(DataType.FLOAT, new long[] {30, 20}).dup('f');
        for (INDArray values : new INDArray[] {secondHalf, columnMajor}) {
            assertArrayEquals(weight.packAlike(values.mul(64f)).keptValues, weight.packAlike(values, 64f).keptValues,
                    0f, values.ordering() + " order");
            INDArray target = Nd4j.rand(DataType.FLOAT, values.shape()).addi(1).dup(values.ordering());
            weight.valuesInto(target);
            assertArrayEquals(flat(weight.values()), flat(target), 0f, "values into " + values.ordering());
            weight.maskInto(target);
            assertArrayEquals(flat(mask), flat(target), 0f, "mask into " + values.ordering());
        }
        float[] firstHalf = Arrays.copyOf(state.toFloatVector(), 600);
        weight.valuesInto(secondHalf);
        assertArrayEquals(firstHalf, Arrays.copyOf(state.toFloatVector(), 600), 0f, "the view's neighbour is untouched");
    }

    /** The entries in row-major order. */
    private static float[] flat(INDArray a) {
        return a.dup('c').reshape(a.length()).toFloatVector();
    }

    @Test
    void packsOnlyBinaryMasksThatAreAtLeastHalfZeros() {
        INDArray w = Nd4j.createFromArray(new float[] {1, 2, 3, 4});
        assertNotNull(PackedArray.packIfSparse(w, Nd4j.createFromArray(new float[] {0, 0, 1, 0})));
        assertNull(PackedArray.packIfSparse(w, Nd4j.createFromArray(new float[] {0, 1, 1, 1})));
        assertNotNull(PackedArray.packIfSparse(w, Nd4j.createFromArray(new float[] {1, 0, 0, 1})), "2:4: exactly half");
        assertNull(PackedArray.packIfSparse(w, Nd4j.createFromArray(new float[] {0, 0, 0.5f, 0})), "soft masks travel dense");
    }

    /** One bit per entry, bit i & 63 of word i / 64, at every length around a word's end; null for a non-0/1 value. */
    @Test
    void bitsOfAZeroOneMaskAreItsOnesInOrder() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(8);
        for (int n : new int[] {1, 63, 64, 65, 130, 1000}) {
            float[] mask = new float[n];
            for (int i = 0; i < n; i++) {
                mask[i] = rng.nextInt(3) == 0 ? 1f : (rng.nextBoolean() ? 0f : -0f);
            }
            long[] bits = PackedArray.bitsOf(mask);
            assertEquals((n + 63) / 64, bits.length, "n " + n);
            for (int i = 0; i < n; i++) {
                assertEquals(mask[i] == 1f, (bits[i >>> 6] >>> (i & 63) & 1L) != 0, "n " + n + " entry " + i);
            }
            for (float soft : new float[] {0.5f, 2f, Float.intBitsToFloat(0x1f800000), Float.NaN}) {
                float[] withSoft = mask.clone();
                withSoft[rng.nextInt(n)] = soft;
                assertNull(PackedArray.bitsOf(withSoft), "n " + n + ": a mask holding " + soft + " has no bits");
            }
        }
    }
}
