package org.prune4j.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.prune4j.masks.MagnitudeMasks;
import org.prune4j.masks.NmPattern;
import org.prune4j.trainer.model.Mlp;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.model.PrunableWeight;
import org.prune4j.trainer.recipe.GmpScheduleSpec;
import org.prune4j.trainer.recipe.GraphChecks;
import org.prune4j.trainer.recipe.NmSpec;
import org.prune4j.trainer.recipe.PdpSpec;
import org.prune4j.trainer.recipe.PruningSpec;

class PdpPrunerTest {

    private static final int STEPS = 10;

    /** Dense to step 2, a linear ramp to the target at step 6, hard from {@code freezeAt}. */
    private static PruningSpec spec(String scope, Double target, NmSpec nm, String structure, Integer freezeAt) {
        return new PruningSpec("pdp", target, scope, null, "fc.*/W", null, new GmpScheduleSpec(2, 6, 1, 0.0, 1.0), nm,
                new PdpSpec(structure, null, null, freezeAt), null);
    }

    private record Pruned(ModelGraph model, List<PrunableWeight> weights, Pruner pruner) {
        static Pruned of(PruningSpec spec) {
            PruningSetup setup = PruningSetup.of(spec, 0);
            ModelGraph m = Mlp.build(5, 784, List.of(64, 32), 10, setup.masking());
            List<PrunableWeight> selected = GraphChecks.selectedWeights(spec, m);
            return new Pruned(m, selected, setup.pruner(selected, STEPS, 1e-3, null));
        }

        SameDiff sd() {
            return model.graph();
        }

        /** What a training step does to the weights it trains (PDP's latent ones once begun), roughly: they move a little. */
        void jiggle(long step) {
            Nd4j.getRandom().setSeed(step);
            for (PrunableWeight w : weights) {
                INDArray arr = trained(w.name());
                arr.addi(Nd4j.randn(DataType.FLOAT, arr.shape()).muli(1e-3));
            }
            pruner.afterUpdate(sd());
        }

        INDArray trained(String weight) {
            INDArray latent = pruner.latent(sd(), weight);
            return latent != null ? latent : sd().getArrForVarName(weight);
        }

        /** The weight the graph computes with: the {@code _masked} op, or the variable where PDP writes it. */
        INDArray effective(String weight) {
            return sd().hasVariable(weight + "_masked") ? sd().output(Map.of(), weight + "_masked").get(weight + "_masked")
                    : sd().getArrForVarName(weight);
        }
    }

    @Test
    void globalBudgetsAreFixedAtBeginRampLinearlyAndHardenExactly() {
        Pruned p = Pruned.of(spec("global", 0.9, null, null, 8));
        SameDiff sd = p.sd();
        INDArray w1 = sd.getArrForVarName("fc1/W").dup();
        assertFalse(p.pruner().pruneIfDue(0, sd), "dense before begin");
        assertEquals(w1, p.effective("fc1/W"), "W exactly while dense");
        p.jiggle(1);
        List<INDArray> atBegin = p.weights().stream().map(w -> sd.getArrForVarName(w.name()).dup()).toList();
        double[] budgets = MagnitudeMasks.globalSparsities(atBegin, 0.9);
        for (int step = 2; step <= STEPS; step++) {
            assertEquals(step <= 8, p.pruner().pruneIfDue(step, sd), "step " + step);
            double progress = Math.min(1.0, (step - 2) / 4.0);
            List<LayerSparsity> layers = p.pruner().measure(step, sd);
            for (int i = 0; i < layers.size(); i++) {
                LayerSparsity l = layers.get(i);
                assertEquals(budgets[i] * progress, l.target(), 1e-12, l.name() + " target at " + step);
                assertEquals(l.size() - MagnitudeMasks.keptCount(l.size(), budgets[i] * progress), l.zeros(),
                        l.name() + " hard-mask zeros at " + step);
            }
            p.jiggle(step);
        }
        List<LayerSparsity> end = p.pruner().measure(STEPS, sd);
        long total = end.stream().mapToLong(LayerSparsity::size).sum();
        assertEquals(Math.round(total * 0.9), end.stream().mapToLong(LayerSparsity::zeros).sum(),
                "the global budget is exact over the selected weights");
        for (LayerSparsity l : end) {
            INDArray mask = sd.getArrForVarName(l.name() + "_mask");
            assertEquals(l.zeros(), MagnitudeMasks.zeros(mask), l.name() + ": frozen hard mask");
            INDArray effective = p.effective(l.name());
            assertEquals(l.zeros(), MagnitudeMasks.zeros(effective), l.name() + ": the graph uses the hard mask");
        }
    }

    @Test
    void twoOfFourHardensToExactlyTwoPerGroupAtTheLastStep() {
        Pruned p = Pruned.of(spec("layer", null, new NmSpec(2, 4), null, null));
        for (int step = 0; step <= STEPS; step++) {
            p.pruner().pruneIfDue(step, p.sd());
            p.jiggle(step);
        }
        for (LayerSparsity l : p.pruner().measure(STEPS, p.sd())) {
            INDArray mask = p.sd().getArrForVarName(l.name() + "_mask");
            assertEquals(0, new NmPattern(2, 4).violations(mask), l.name());
            assertEquals(l.size() / 2, mask.sumNumber().longValue(), l.name() + ": exactly 2 of every 4");
            assertEquals(0.5, l.realized(), 0, l.name());
        }
    }

    @Test
    void channelStructurePrunesWholeOutputColumns() {
        Pruned p = Pruned.of(spec("layer", 0.5, null, "channel", 6));
        for (int step = 0; step <= 6; step++) {
            p.pruner().pruneIfDue(step, p.sd());
        }
        for (PrunableWeight w : p.weights()) {
            INDArray mask = p.sd().getArrForVarName(w.maskName());
            long cols = w.shape()[1];
            INDArray perColumn = mask.sum(0);
            long prunedColumns = perColumn.eq(0).castTo(DataType.INT32).sumNumber().longValue();
            assertEquals(cols - MagnitudeMasks.keptCount(cols, 0.5), prunedColumns, w.name());
            long wholeColumns = perColumn.eq(w.shape()[0]).castTo(DataType.INT32).sumNumber().longValue();
            assertEquals(cols, prunedColumns + wholeColumns, w.name() + ": every column kept or pruned whole");
        }
    }
}
