package org.prune4j.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.prune4j.masks.MaskLlmMask;
import org.prune4j.masks.NmPattern;
import org.prune4j.trainer.model.Masking;
import org.prune4j.trainer.model.Mlp;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.model.PrunableWeight;
import org.prune4j.trainer.recipe.AnnealSpec;
import org.prune4j.trainer.recipe.GmpScheduleSpec;
import org.prune4j.trainer.recipe.GraphChecks;
import org.prune4j.trainer.recipe.MaskLlmSpec;
import org.prune4j.trainer.recipe.NmSpec;
import org.prune4j.trainer.recipe.PruningSpec;
import org.prune4j.trainer.run.Export;

class MaskLlmPrunerTest {

    private static final int STEPS = 12;
    private static final NmPattern TWO_FOUR = new NmPattern(2, 4);

    private static PruningSpec spec(double priorStrength, boolean freeze, String initFrom) {
        return new PruningSpec("maskllm", null, null, null, "fc.*/W", null,
                new GmpScheduleSpec(0, STEPS, 1, 0.0, 1.0),
                new NmSpec(2, 4), null, new MaskLlmSpec(new AnnealSpec(4.0, 0.05), new AnnealSpec(10.0, 100.0), 0.2,
                initFrom == null ? "magnitude" : null, priorStrength, null, 1e-5, "constant", 1e-2, 0.01, freeze,
                initFrom));
    }

    /** An MLP with MaskLLM on fc1..fc3, trained on one fixed random batch by the loop's own step. */
    private record Run(ModelGraph model, List<PrunableWeight> weights, Pruner pruner, TrainStep step) {
        static Run of(PruningSpec spec) {
            return of(spec, List.of(64, 32), null);
        }

        static Run of(PruningSpec spec, List<Integer> hidden, Double gradientClip) {
            PruningSetup setup = PruningSetup.of(spec, 3);
            ModelGraph m = Mlp.build(5, 784, hidden, 10, setup.masking());
            setup.lossTerms().forEach(m.graph()::addLossVariable);
            List<PrunableWeight> selected = GraphChecks.selectedWeights(spec, m);
            Pruner pruner = setup.pruner(selected, STEPS, 1e-2, null);
            return new Run(m, selected, pruner, new TrainStep(m, new Adam(1e-2), pruner, gradientClip));
        }

        SameDiff sd() {
            return model.graph();
        }

        void train(int from, int to) {
            Nd4j.getRandom().setSeed(1);
            INDArray x = Nd4j.randn(DataType.FLOAT, 16, 784);
            INDArray y = Nd4j.eye(10).getRows(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5).castTo(DataType.FLOAT);
            for (int t = from; t < to; t++) {
                pruner.pruneIfDue(t, sd());
                step.run(new DataSet(x, y), t, 1e-2);
            }
        }

        Map<String, INDArray> variables() {
            Map<String, INDArray> out = new HashMap<>();
            for (SDVariable v : sd().variables()) {
                if (v.getVariableType() == VariableType.VARIABLE) {
                    out.put(v.name(), v.getArr().dup());
                }
            }
            return out;
        }
    }

    /** The parameter count (plan's, summary's) is the dense model's plus the logits: latent weights are constants. */
    @Test
    void theParameterCountIsTheDenseModelsPlusTheLogits() {
        Run run = Run.of(spec(3, true, null));
        long logits = run.sd().variables().stream().filter(v -> MaskLlmPruner.isLogits(v.name()))
                .mapToLong(v -> v.getArr().length()).sum();
        long dense = Mlp.build(5, 784, List.of(64, 32), 10, Masking.none()).parameterCount();
        assertEquals(dense + logits, run.model().parameterCount());
    }

    @Test
    void maskOnlyTrainsTheLogitsAloneAndHardensToExactlyTwoOfFour() {
        Run run = Run.of(spec(3, true, null));
        assertTrue(run.step().parameters().stream().allMatch(MaskLlmPruner::isLogits),
                "mask-only: only logits are trainable, got " + run.step().parameters());
        assertEquals(3, run.step().parameters().size());
        Map<String, INDArray> before = run.variables();
        run.train(0, STEPS);
        Map<String, INDArray> after = run.variables();
        before.forEach((name, value) -> {
            if (MaskLlmPruner.isLogits(name)) {
                assertNotEquals(value, after.get(name), name + " must learn");
            } else { // a masked weight's variable holds W·M̃, new every step; W is the latent weight
                INDArray latent = run.pruner().latent(run.sd(), name);
                assertEquals(value, latent != null ? latent : after.get(name), name + " must stay frozen");
            }
        });
        assertTrue(run.pruner().pruneIfDue(STEPS, run.sd()), "hardens at schedule.end");
        for (PrunableWeight w : run.weights()) {
            INDArray mask = run.sd().getArrForVarName(w.maskName());
            INDArray groups = mask.transpose().dup('c').reshape(-1, 4).sum(1);
            assertEquals(Nd4j.valueArrayOf(groups.shape(), 2f), groups, w.name() + ": every group exactly 2 ones");
        }
        for (Export.BakedWeight b : Export.bake(run.sd())) {
            if (b.name().startsWith("fc")) {
                INDArray w = run.sd().getArrForVarName(b.name());
                assertEquals(0, TWO_FOUR.violations(w), b.name());
                assertEquals(b.size() / 2, b.size() - b.zeros(), b.name() + ": exactly half kept after baking");
            }
        }
        for (LayerSparsity l : run.pruner().measure(STEPS, run.sd())) {
            assertEquals(0.5, l.realized(), 0, l.name());
        }
    }

    @Test
    void jointModeTrainsTheWeightsToo() {
        Run run = Run.of(spec(3, false, null));
        assertTrue(run.step().parameters().contains("fc1/W"));
        Map<String, INDArray> before = run.variables();
        run.train(0, 3);
        assertNotEquals(before.get("fc1/W"), run.sd().getArrForVarName("fc1/W"));
    }

    /**
     * Without clipping the logits' Adam step, and in joint mode the weights', are taken block by block inside
     * the MaskLLM backward pass ({@link org.prune4j.masks.HostUpdates}); a clip too high to bite sends their
     * gradients through the optimizer's pass. Both give the same bits: logits, latent and effective weights,
     * moments. fc1's 784x128 weight has 150k logits, two ranges of many blocks each.
     */
    @ParameterizedTest(name = "freeze weights {0}")
    @ValueSource(booleans = {true, false})
    void theStepsTakenBlockByBlockAreTheOptimizersSteps(boolean freeze) {
        Run fused = Run.of(spec(3, freeze, null), List.of(128, 32), null);
        Run unfused = Run.of(spec(3, freeze, null), List.of(128, 32), Double.MAX_VALUE);
        fused.train(0, 4);
        unfused.train(0, 4);
        Map<String, INDArray> expected = unfused.variables();
        expected.putAll(unfused.step().optimizerState());
        Map<String, INDArray> actual = fused.variables();
        actual.putAll(fused.step().optimizerState());
        assertEquals(expected.keySet(), actual.keySet());
        for (PrunableWeight w : fused.weights()) { // the latent weights, which the optimizer updates
            expected.put(w.name() + "/latent", unfused.pruner().latent(unfused.sd(), w.name()));
            actual.put(w.name() + "/latent", fused.pruner().latent(fused.sd(), w.name()));
        }
        expected.forEach((name, value) -> assertArrayEquals(value.dup().data().asFloat(),
                actual.get(name).dup().data().asFloat(), name));
        assertNotEquals(0.0, fused.step().optimizerState().get("fc1/W_maskllm_logits/M").norm2Number().doubleValue(),
                "the logits' moments moved");
    }

    /** A strong prior makes the arg-max the magnitude 2:4 mask in every group. */
    @Test
    void aStrongMagnitudePriorStartsAtTheMagnitudeMask() {
        Run run = Run.of(spec(100, true, null));
        run.pruner().pruneIfDue(0, run.sd());
        for (PrunableWeight w : run.weights()) {
            INDArray magnitude = TWO_FOUR.magnitudeMask(run.sd().getArrForVarName(w.name()));
            assertEquals(magnitude, hardMask(run, w.name()), w.name());
        }
    }

    /** Wanda prior: with a strong prior the arg-max is the top-2 of |W|·‖x‖ of every group. */
    @Test
    void aStrongWandaPriorStartsAtTheWandaMask() {
        PruningSpec wanda = new PruningSpec("maskllm", null, null, null, "fc.*/W", null,
                new GmpScheduleSpec(0, STEPS, 1, 0.0, 1.0),
                new NmSpec(2, 4), null, new MaskLlmSpec(null, null, 0.2, "wanda", 100.0, 2, null, null, null, null, null,
                null));
        PruningSetup setup = PruningSetup.of(wanda, 3);
        ModelGraph m = Mlp.build(5, 784, List.of(64, 32), 10, setup.masking());
        List<PrunableWeight> selected = GraphChecks.selectedWeights(wanda, m);
        InputNorms calibration = new InputNorms(m, InputNormsTest.BATCHES, 2);
        MaskLlmPruner pruner = (MaskLlmPruner) setup.pruner(selected, STEPS, 1e-2, calibration);
        Map<String, INDArray> norms = calibration.of(List.of("fc2/W"));
        pruner.pruneIfDue(0, m.graph());
        INDArray w = pruner.latent(m.graph(), "fc2/W"); // the variable holds W·M̃ from now on
        INDArray score = Transforms.abs(w, true).mulColumnVector(norms.get("fc2/W").reshape(64, 1));
        INDArray expected = TWO_FOUR.magnitudeMask(score);
        assertEquals(expected, pruner.hardMasks(m.graph()).get("fc2/W"));
        assertNotEquals(TWO_FOUR.magnitudeMask(w), expected, "the input norms must change some groups");
    }

    /** Mask transfer: logits saved by one run start another, which then holds the same arg-max masks. */
    @Test
    void savedLogitsStartAnotherRunWithTheSameMasks(@TempDir Path dir) {
        Run first = Run.of(spec(3, true, null));
        first.train(0, 5);
        Path file = dir.resolve("mask-logits.fb");
        assertEquals(3, SavedVariables.save(first.sd(), MaskLlmPruner::isLogits, file));
        Run second = Run.of(spec(3, true, file.toString()));
        second.pruner().pruneIfDue(0, second.sd());
        for (PrunableWeight w : first.weights()) {
            String logits = MaskLlmMask.logitsName(w.name());
            assertEquals(first.sd().getArrForVarName(logits), second.sd().getArrForVarName(logits), logits);
            assertEquals(hardMask(first, w.name()), hardMask(second, w.name()), w.name());
        }
    }

    private static INDArray hardMask(Run run, String weight) {
        return ((MaskLlmPruner) run.pruner()).hardMasks(run.sd()).get(weight);
    }
}
