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
import org.prune4j.trainer.recipe.GraphChecks;
import org.prune4j.trainer.recipe.NmSpec;
import org.prune4j.trainer.recipe.PruningSpec;

class GmpPrunerTest {

    private static PruningSpec spec(String scope, double target, NmSpec nm) {
        return new PruningSpec("gmp", nm == null ? target : null, scope, "fc[12]/W",
                new GmpScheduleSpec(0, 10, 1, 0.0, 3.0), nm);
    }

    /** The MLP built with the spec's masking, and the spec's pruner on its selected weights. */
    private record Pruned(ModelGraph model, Pruner pruner) {
        static Pruned of(PruningSpec spec) {
            PruningSetup setup = PruningSetup.of(spec, 0);
            ModelGraph m = Mlp.build(3, 784, List.of(64, 32), 10, setup.masking());
            return new Pruned(m, setup.pruner(GraphChecks.selectedWeights(spec, m), 10, 1e-3, null));
        }
    }

    private static PruningSpec allocated(String allocation, double target, GmpScheduleSpec schedule) {
        return new PruningSpec("gmp", target, null, allocation, "fc.*/W", null, schedule, null, null, null);
    }

    @Test
    void layerScopeRealizesTheScheduleExactlyAtEveryEventWithoutRegrowth() {
        Pruned p = Pruned.of(spec("layer", 0.9, null));
        SameDiff sd = p.model().graph();
        Pruner pruner = p.pruner();
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
        Pruned p = Pruned.of(spec("global", 0.75, null));
        ModelGraph m = p.model();
        Pruner pruner = p.pruner();
        pruner.pruneIfDue(10, m.graph());
        List<LayerSparsity> layers = pruner.measure(10, m.graph());
        long size = layers.stream().mapToLong(LayerSparsity::size).sum();
        assertEquals(Math.round(size * 0.75), layers.stream().mapToLong(LayerSparsity::zeros).sum());
        assertEquals(0.75, LayerSparsity.overall(layers), 1.0 / size);
    }

    @Test
    void beginEqualToEndPrunesInOneShotThere() {
        Pruned p = Pruned.of(new PruningSpec("gmp", 0.75, "global", "fc[12]/W", new GmpScheduleSpec(5, 5, null, null,
                null), null));
        SameDiff sd = p.model().graph();
        for (int t = 0; t < 5; t++) {
            assertFalse(p.pruner().pruneIfDue(t, sd), "nothing before the shot, step " + t);
            assertEquals(0.0, p.pruner().targetAt(t), 0);
        }
        assertTrue(p.pruner().pruneIfDue(5, sd));
        List<LayerSparsity> layers = p.pruner().measure(5, sd);
        long size = layers.stream().mapToLong(LayerSparsity::size).sum();
        assertEquals(Math.round(size * 0.75), layers.stream().mapToLong(LayerSparsity::zeros).sum());
        assertFalse(p.pruner().pruneIfDue(6, sd), "and nothing after");
        assertEquals(0.75, p.pruner().targetAt(6), 0);
    }

    @Test
    void nmScopeLeavesExactlyNPerGroup() {
        Pruned p = Pruned.of(spec("layer", 0, new NmSpec(1, 4)));
        ModelGraph m = p.model();
        Pruner pruner = p.pruner();
        pruner.pruneIfDue(0, m.graph());
        for (LayerSparsity l : pruner.measure(0, m.graph())) {
            assertEquals(0, l.nmViolations(), l.name());
            assertEquals(0.75, l.realized(), 0, l.name());
        }
    }

    @Test
    void geometricPrunesOnlyAtItsEventsAndReachesTheTargetAtEnd() {
        Pruned p = Pruned.of(allocated("uniform", 0.8, new GmpScheduleSpec("geometric", 20, 60, null, null, null,
                10, null, null)));
        SameDiff sd = p.model().graph();
        Pruner pruner = p.pruner();
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
        PruningSpec spec = allocated("erk", 0.9, new GmpScheduleSpec(0, 10, 5, 0.0, 3.0));
        Pruned p = Pruned.of(spec);
        ModelGraph m = p.model();
        SameDiff sd = m.graph();
        Pruner pruner = p.pruner();
        pruner.pruneIfDue(10, sd);
        List<long[]> shapes = m.prunable().stream().map(PrunableWeight::shape).toList();
        double[] expected = ErkAllocation.sparsities(shapes, 0.9);
        assertArrayEquals(expected, new TargetSchedule(spec).layerTargets(10, shapes), 0);
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
        Pruned p = Pruned.of(allocated("uniform", 0.75, new GmpScheduleSpec("spdf", 0, 50, null, null, null,
                null, null, null)));
        SameDiff sd = p.model().graph();
        Pruner pruner = p.pruner();
        assertTrue(pruner.pruneIfDue(0, sd));
        assertEquals(0.75, pruner.measure(0, sd).get(0).realized(), 1e-4);
        assertFalse(pruner.pruneIfDue(1, sd));
        assertTrue(pruner.pruneIfDue(50, sd));
        assertEquals(1.0, sd.getArrForVarName("fc1/W_mask").minNumber().doubleValue(), 0, "every mask entry is one again");
        assertEquals(0.75, pruner.measure(50, sd).get(0).realized(), 1e-4, "pruned weights restart from zero");
        assertEquals(0.0, pruner.targetAt(50), 0);
    }
}
