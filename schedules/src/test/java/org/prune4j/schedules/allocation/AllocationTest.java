package org.prune4j.schedules.allocation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllocationTest {

    private static final List<long[]> LENET_300_100 = List.of(new long[] {784, 300}, new long[] {300, 100},
            new long[] {100, 10});

    @Test
    void erkOnLeNet300100KeepsTheSmallLastLayerDenseAndRedistributes() {
        // Hand-derived with RigL's procedure (get_sparsities_erdos_renyi): raw = (nIn + nOut) / (nIn nOut) =
        // 1084/235200, 400/30000, 110/1000; budget 0.1 * 266200 = 26620 kept weights. eps = 26620 / 1594 gives fc3 a
        // density of 1.84 > 1, so fc3 is dense; then eps = (26620 - 1000) / 1484 = 17.2642 and the densities are
        // 0.079568 and 0.230189: sparsities 0.920432 and 0.769811.
        double[] s = Allocation.ERK.layerTargets(LENET_300_100, 0.9);
        assertArrayEquals(new double[] {0.920432, 0.769811, 0}, s, 1e-6);
        assertEquals(0.9, sizeWeightedMean(LENET_300_100, s), 1e-12, "the overall target is kept");
    }

    @Test
    void erkScalesDensityWithFanInPlusFanOut() {
        // [1000, 1000] and [10, 10] at 0.9, hand-derived: the small layer's density 9.9 exceeds 1, so it is dense and
        // the big one keeps (100010 - 100) / 1e6 = 0.09991 of its weights.
        assertArrayEquals(new double[] {0.90009, 0}, ErkAllocation.sparsities(
                List.of(new long[] {1000, 1000}, new long[] {10, 10}), 0.9), 1e-12);
        // two equal layers: both at the target
        assertArrayEquals(new double[] {0.5, 0.5}, ErkAllocation.sparsities(
                List.of(new long[] {20, 30}, new long[] {30, 20}), 0.5), 1e-12);
    }

    @Test
    void erkCountsKernelDimensionsOfConvolutions() {
        // LeNet-5 at 0.8 (shapes [kH, kW, in, out] then dense): both the first conv and the last fc are dense
        List<long[]> shapes = List.of(new long[] {5, 5, 1, 6}, new long[] {5, 5, 6, 16}, new long[] {400, 120},
                new long[] {120, 84}, new long[] {84, 10});
        double[] s = Allocation.ERK.layerTargets(shapes, 0.8);
        assertEquals(0, s[0], 0);
        assertEquals(0, s[4], 0);
        assertEquals(0.8, sizeWeightedMean(shapes, s), 1e-12);
        assertTrue(s[2] > s[3] && s[3] > 0, "the largest dense layer is pruned most");
    }

    @Test
    void erkLayerTargetsNeverDecreaseAsTheOverallTargetRises() {
        double[] previous = new double[3];
        for (int i = 0; i <= 99; i++) {
            double[] s = ErkAllocation.sparsities(LENET_300_100, i / 100.0);
            for (int l = 0; l < 3; l++) {
                assertTrue(s[l] >= previous[l] - 1e-12, "layer " + l + " at overall " + i + "%");
            }
            previous = s;
        }
        assertArrayEquals(new double[3], ErkAllocation.sparsities(LENET_300_100, 0), 1e-12, "0 overall: all dense");
    }

    @Test
    void uniformGivesEveryLayerTheTargetAndGlobalHasNoLayerTargets() {
        assertArrayEquals(new double[] {0.7, 0.7, 0.7}, Allocation.UNIFORM.layerTargets(LENET_300_100, 0.7), 0);
        assertFalse(Allocation.GLOBAL.hasLayerTargets());
        assertThrows(IllegalStateException.class, () -> Allocation.GLOBAL.layerTargets(LENET_300_100, 0.7));
    }

    @Test
    void selectionIncludesWholeNamesAndExcludesByPattern() {
        LayerSelection s = new LayerSelection("fc.*/W", "fc1/W|fc3/W");
        assertTrue(s.selects("fc2/W"));
        assertFalse(s.selects("fc1/W"));
        assertFalse(s.selects("fc2/W_mask"), "whole-name match");
        assertTrue(new LayerSelection(".*", null).selects("conv1/W"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LayerSelection(".*", "fc["));
        assertEquals("exclude must be a valid regular expression (Unclosed character class), got 'fc['", e.getMessage());
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ErkAllocation.sparsities(LENET_300_100, 1.0));
        assertEquals("overall must be in [0, 1), got 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ErkAllocation.sparsities(List.of(new long[] {0, 3}), 0.5));
        assertEquals("shapes[0] must have dimensions >= 1, got 0", e.getMessage());
    }

    private static double sizeWeightedMean(List<long[]> shapes, double[] sparsity) {
        double zeros = 0;
        double size = 0;
        for (int i = 0; i < shapes.size(); i++) {
            long n = 1;
            for (long d : shapes.get(i)) {
                n *= d;
            }
            zeros += n * sparsity[i];
            size += n;
        }
        return zeros / size;
    }
}
