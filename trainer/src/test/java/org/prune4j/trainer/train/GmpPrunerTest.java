package org.prune4j.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.schedules.GradualPruningSchedule;
import org.prune4j.trainer.model.Mlp;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.recipe.GmpScheduleSpec;
import org.prune4j.trainer.recipe.GraphChecks;
import org.prune4j.trainer.recipe.NmSpec;
import org.prune4j.trainer.recipe.PruningSpec;

class GmpPrunerTest {

    private static PruningSpec spec(String scope, double target, NmSpec nm) {
        return new PruningSpec("gmp", nm == null ? target : null, scope, "fc[12]/W",
                new GmpScheduleSpec(0, 10, 1, 0.0, 3.0), nm, null, null);
    }

    /** The MLP built with the spec's masking, and the spec's pruner on its selected weights. */
    private record Pruned(ModelGraph model, Pruner pruner) {
        static Pruned of(PruningSpec spec) {
            PruningSetup setup = PruningSetup.of(spec, 0);
            ModelGraph m = Mlp.build(3, 784, List.of(64, 32), 10, setup.masking());
            return new Pruned(m, setup.pruner(GraphChecks.selectedWeights(spec, m), 10, 1e-3, null));
        }
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
}
