package org.prune4j.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.schedules.GeometricPruningSchedule;
import org.prune4j.schedules.GradualPruningSchedule;
import org.prune4j.schedules.allocation.ErkAllocation;
import org.prune4j.trainer.model.Mlp;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.model.PrunableWeight;
import org.prune4j.trainer.recipe.GmpScheduleSpec;
import org.prune4j.trainer.recipe.NmSpec;
import org.prune4j.trainer.recipe.PruningSpec;

class GmpPrunerTest {

    private static PruningSpec spec(String scope, double target, NmSpec nm) {
        return new PruningSpec("gmp", nm == null ? target : null, scope, "fc[12]/W",
                new GmpScheduleSpec(0, 10, 1, 0.0, 3.0), nm);
    }

    private static PruningSpec allocated(String allocation, double target, GmpScheduleSpec schedule) {
        return new PruningSpec("gmp", target, null, allocation, "fc.*/W", null, schedule, null);
    }

    private static ModelGraph mlp() {
        return Mlp.build(3, 784, List.of(64, 32), 10);
    }

    @Test
    void layerScopeRealizesTheScheduleExactlyAtEveryEventWithoutRegrowth() {
        ModelGraph m = mlp();
        SameDiff sd = m.graph();
        GmpPruner pruner = new GmpPruner(spec("layer", 0.9, null), m.prunable().subList(0, 2));
        GradualPruningSchedule reference = new GradualPruningSchedule(0, 0.9, 0, 10, 1, 3);
        INDArray previous = sd.getArrForVarName("fc1/W_mask").dup();
        for (int t = 0; t <= 10; t++) {
            assertTrue(pruner.pruneIfDue(t, sd));
            for (LayerSparsity l : pruner.measure(t, sd)) {
                assertEquals(Math.round(l.size() * reference.valueAt(t)), l.zeros(), l.name() + " at " + t);
                assertEquals(reference.valueAt(t), l.target(), 0);
            }
            INDArray mask = sd.getArrForVarName("fc1/W_mask");
            assertEquals(0, mask.sub(previous).gt(0).castTo(DataType.INT32).sumNumber().intValue(), "regrowth at " + t);
            previous = mask.dup();
        }
        assertFalse(pruner.pruneIfDue(11, sd));
        assertEquals(1.0, sd.getArrForVarName("fc3/W_mask").meanNumber().doubleValue(), 0, "fc3 not selected");
    }

    @Test
    void globalScopeIsExactOverallButNotPerLayer() {
        ModelGraph m = mlp();
        GmpPruner pruner = new GmpPruner(spec("global", 0.75, null), m.prunable().subList(0, 2));
        pruner.pruneIfDue(10, m.graph());
        List<LayerSparsity> layers = pruner.measure(10, m.graph());
        long size = layers.stream().mapToLong(LayerSparsity::size).sum();
        assertEquals(Math.round(size * 0.75), layers.stream().mapToLong(LayerSparsity::zeros).sum());
        assertEquals(0.75, LayerSparsity.overall(layers), 1.0 / size);
    }

    @Test
    void nmScopeLeavesExactlyNPerGroup() {
        ModelGraph m = mlp();
        GmpPruner pruner = new GmpPruner(spec("layer", 0, new NmSpec(1, 4)), m.prunable().subList(0, 2));
        pruner.pruneIfDue(0, m.graph());
        for (LayerSparsity l : pruner.measure(0, m.graph())) {
            assertEquals(0, l.nmViolations(), l.name());
            assertEquals(0.75, l.realized(), 0, l.name());
        }
    }

    @Test
    void geometricPrunesOnlyAtItsEventsAndReachesTheTargetAtEnd() {
        ModelGraph m = mlp();
        SameDiff sd = m.graph();
        GmpPruner pruner = new GmpPruner(allocated("uniform", 0.8, new GmpScheduleSpec("geometric", 20, 60, null, null, null,
                10, null, null)), m.prunable());
        GeometricPruningSchedule reference = new GeometricPruningSchedule(0.8, 20, 60, 10);
        for (int t = 0; t <= 70; t++) {
            assertEquals(reference.isPruningStep(t), pruner.pruneIfDue(t, sd), "event at " + t);
            for (LayerSparsity l : pruner.measure(t, sd)) {
                assertEquals(Math.round(l.size() * reference.valueAt(t)), l.zeros(), l.name() + " at " + t);
            }
        }
        assertEquals(0.8, LayerSparsity.overall(pruner.measure(70, sd)), 1e-4);
    }

    @Test
    void erkGivesEachLayerItsOwnExactTargetAndKeepsTheOverallOne() {
        ModelGraph m = mlp();
        SameDiff sd = m.graph();
        GmpPruner pruner = new GmpPruner(allocated("erk", 0.9, new GmpScheduleSpec(0, 10, 5, 0.0, 3.0)), m.prunable());
        pruner.pruneIfDue(10, sd);
        double[] expected = ErkAllocation.sparsities(m.prunable().stream().map(PrunableWeight::shape).toList(), 0.9);
        assertArrayEquals(expected, pruner.layerTargetsAt(10), 0);
        assertTrue(expected[0] > expected[1] && expected[1] > expected[2], "smaller layers stay denser");
        List<LayerSparsity> layers = pruner.measure(10, sd);
        for (int i = 0; i < layers.size(); i++) {
            LayerSparsity l = layers.get(i);
            assertEquals(Math.round(l.size() * expected[i]), l.zeros(), l.name());
            assertEquals(expected[i], l.target(), 0, l.name());
        }
        assertEquals(0.9, LayerSparsity.overall(layers), 1e-4);
    }

    @Test
    void spdfReleasesTheMasksAndThePrunedWeightsRestartFromZero() {
        ModelGraph m = mlp();
        SameDiff sd = m.graph();
        GmpPruner pruner = new GmpPruner(allocated("uniform", 0.75, new GmpScheduleSpec("spdf", 0, 50, null, null, null,
                null, null, null)), m.prunable());
        assertTrue(pruner.pruneIfDue(0, sd));
        assertEquals(0.75, pruner.measure(0, sd).get(0).realized(), 1e-4);
        assertFalse(pruner.pruneIfDue(1, sd));
        assertTrue(pruner.pruneIfDue(50, sd));
        assertEquals(1.0, sd.getArrForVarName("fc1/W_mask").minNumber().doubleValue(), 0, "every mask entry is one again");
        assertEquals(0.75, pruner.measure(50, sd).get(0).realized(), 1e-4, "pruned weights restart from zero");
        assertEquals(0.0, pruner.targetAt(50), 0);
    }
}
