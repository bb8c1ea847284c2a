package org.prune4j.masks;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MaskLlmMaskTest {

    private static final String W = OneWeightGraph.W;

    private static INDArray random(DataType type, long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, shape).castTo(type);
    }

    private static void update(OneWeightGraph g, long step, NmPattern p, double tau, double kappa, double lambda) {
        g.method.update(g.sd, new StepTargets(step, Map.of(W, p.sparsity()),
                Map.of(MaskLlmMask.TAU, tau, MaskLlmMask.KAPPA_VALUE, kappa, MaskLlmMask.LAMBDA, lambda)));
    }

    private static INDArray logits(OneWeightGraph g) {
        return g.sd.getArrForVarName(MaskLlmMask.logitsName(W));
    }

    /** Two graphs over the same weight, with MaskLLM seeded by {@code seedA} and {@code seedB}. */
    private record Pair(OneWeightGraph a, OneWeightGraph b) {
        static Pair of(NmPattern p, long seedA, long seedB) {
            INDArray w = random(DataType.FLOAT, 2, 8, 4);
            return new Pair(new OneWeightGraph(new MaskLlmMask(p, 0.2, seedA), w),
                    new OneWeightGraph(new MaskLlmMask(p, 0.2, seedB), w));
        }
    }

    /** Ones per group of M rows of one column, for every group. */
    private static int[] onesPerGroup(INDArray mask, int m) {
        long rows = mask.size(0);
        long cols = mask.size(1);
        int[] out = new int[(int) (rows / m * cols)];
        for (int c = 0; c < cols; c++) {
            for (int gr = 0; gr < rows / m; gr++) {
                for (int i = 0; i < m; i++) {
                    out[(int) (gr * cols + c)] += mask.getDouble(gr * m + i, c) != 0 ? 1 : 0;
                }
            }
        }
        return out;
    }

    /**
     * reference/algorithms.md §4.9 (DERIVED there by hand from the formulas): π, κ 100, τ 4 and fixed
     * g give M̃ = [0.57625, 0.516784, 0.370294, 0.536671] (sum 2) and the hard mask S[2] = [1,0,0,1].
     */
    @Test
    void theReferenceTestVectorReproduces() {
        NmPattern p = new NmPattern(2, 4);
        OneWeightGraph g = new OneWeightGraph(new MaskLlmMask(p, 0.01, 0), Nd4j.ones(DataType.DOUBLE, 4, 1));
        logits(g).assign(Nd4j.create(new double[] {0.01, -0.02, 0.03, 0.0, 0.005, -0.01}, new long[] {6, 1, 1}));
        update(g, 0, p, 4, 100, 0);
        ((MaskLlmMask) g.method).soften(g.sd, layer -> new float[] {0.5f, -0.3f, 0.1f, 1.2f, -0.7f, 0.0f});
        INDArray soft = g.soft();
        double[] expected = {0.57625, 0.516784, 0.370294, 0.536671};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], soft.getDouble(i, 0), 1e-6, "M̃[" + i + "]");
        }
        assertEquals(2.0, soft.sumNumber().doubleValue(), 1e-6);
        assertEquals(Nd4j.create(new double[] {1, 0, 0, 1}, new long[] {4, 1}),
                g.method.hardMasks(g.sd).get(W).castTo(DataType.DOUBLE));
    }

    /**
     * §4.9 prior check: weights [0.1, -0.5, 0.3, 0.05] give the magnitude mask [0,1,1,0], overlaps
     * [1,1,0,2,1,1], and with std(π) = 0.017248, α = 3: π' = [0.01, -0.02, -0.021745, 0.051745, 0.005, -0.01].
     */
    @Test
    void theReferencePriorVectorReproduces() {
        NmPattern p = new NmPattern(2, 4);
        INDArray w = Nd4j.create(new double[] {0.1, -0.5, 0.3, 0.05}, new long[] {4, 1});
        MaskLlmMask method = new MaskLlmMask(p, 0.01, 0);
        OneWeightGraph g = new OneWeightGraph(method, w);
        logits(g).assign(Nd4j.create(new double[] {0.01, -0.02, 0.03, 0.0, 0.005, -0.01}, new long[] {6, 1, 1}));
        INDArray m0 = p.magnitudeMask(w);
        assertEquals(Nd4j.create(new float[] {0, 1, 1, 0}, new long[] {4, 1}), m0);
        method.applyPrior(g.sd, Map.of(W, m0), 3.0);
        double[] expected = {0.01, -0.02, -0.021745, 0.051745, 0.005, -0.01};
        for (int k = 0; k < 6; k++) {
            assertEquals(expected[k], logits(g).getDouble(k), 1e-6, "π'[" + k + "]");
        }
    }

    /**
     * The host's logit gradient against central differences in float64 of {@code Σ u ⊙ M̃(π)}, M̃ computed
     * in double from the formula ({@link #softInDouble}), for a random upstream gradient u and noise (the
     * kernel with W = 1 and no regulariser passes u through as dL/dM̃); the host computes in float, so they
     * agree to float precision. τ 2 and κ 3 keep the softmax soft.
     */
    @ParameterizedTest(name = "{0}:{1}")
    @CsvSource({"2, 4", "1, 4", "4, 8"})
    void theLogitGradientMatchesFiniteDifferencesOfTheSoftMaskInFloat64(int n, int m) {
        NmPattern p = new NmPattern(n, m);
        NmCandidates candidates = NmCandidates.of(p);
        int rows = 2 * m;
        int cols = 3;
        int count = rows / m * cols * candidates.count();
        double[] logits = random(DataType.DOUBLE, 5, count).toDoubleVector();
        double[] noise = random(DataType.DOUBLE, 6, count).toDoubleVector();
        double[] upstream = random(DataType.DOUBLE, 7, rows * cols).toDoubleVector();
        double kappa = 3;
        double tau = 2;
        MaskLlmLayer layer = new MaskLlmLayer(candidates, rows, cols);
        float[] ones = new float[rows * cols];
        java.util.Arrays.fill(ones, 1f);
        layer.weight = MaskLlmKernelTest.direct(ones);
        layer.logits = MaskLlmKernelTest.direct(PdpBandPassTest.toFloats(logits));
        layer.effective = MaskLlmLayer.scratch(rows * cols);
        ScalarMaskLlmKernel kernel = new ScalarMaskLlmKernel();
        kernel.forward(layer, PdpBandPassTest.toFloats(noise), 0, (float) kappa, (float) (1 / tau), 0,
                layer.groupRows);
        layer.gradient = MaskLlmKernelTest.direct(PdpBandPassTest.toFloats(upstream));
        ByteBuffer logitGradient = MaskLlmLayer.scratch(count);
        kernel.backward(layer, 0f, (float) (kappa / tau), 0, layer.groupRows, logitGradient);
        float[] analytic = new float[count];
        logitGradient.asFloatBuffer().get(analytic);
        double eps = 1e-6;
        double norm = 0;
        for (int i = 0; i < count; i++) {
            double original = logits[i];
            logits[i] = original + eps;
            double plus = dot(upstream, softInDouble(logits, noise, kappa, tau, candidates, cols));
            logits[i] = original - eps;
            double minus = dot(upstream, softInDouble(logits, noise, kappa, tau, candidates, cols));
            logits[i] = original;
            double numeric = (plus - minus) / (2 * eps);
            assertEquals(numeric, analytic[i], 2e-5 * Math.max(1, Math.abs(numeric)), "logit " + i);
            norm += numeric * numeric;
        }
        assertTrue(norm > 1e-6, "the check must see a non-trivial gradient");
    }

    /**
     * The whole path, as a step runs it (the graph's gradient of {@code sum(Ŵ ⊙ R)} with respect to the
     * variable holding {@code Ŵ = W ⊙ M̃}, the regulariser's added on the host, through the softmax to the
     * logits), against central differences in float64 of {@code sum(W ⊙ M̃ ⊙ R) - λ‖W ⊙ M̃‖²} with M̃ from the
     * formula and the step's noise; and W's gradient, {@code R ⊙ M̃} (the regulariser stops at W).
     */
    @Test
    void aStepsLogitGradientMatchesFiniteDifferencesOfLossAndRegulariserInFloat64() {
        NmPattern p = new NmPattern(2, 4);
        INDArray w = random(DataType.FLOAT, 5, 8, 3);
        INDArray r = random(DataType.FLOAT, 6, 8, 3);
        OneWeightGraph g = new OneWeightGraph(new MaskLlmMask(p, 0.5, 3), w, r);
        g.sd.getVariable("loss").add("total", g.method.lossTerms().get(0));
        g.sd.setLossVariables("total");
        double tau = 2;
        double kappa = 3;
        double lambda = 0.3;
        update(g, 4, p, tau, kappa, lambda);
        Map<String, INDArray> gradients = gradients(g);
        float[] analytic = HostArrays.toFloats(gradients.get(MaskLlmMask.logitsName(W)));
        double[] logits = logits(g).castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        float[] noise = GumbelNoise.sample(3, 4, W, logits.length);
        double[] noiseD = new double[noise.length];
        for (int i = 0; i < noise.length; i++) {
            noiseD[i] = noise[i];
        }
        double[] wd = w.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        double[] rd = r.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        NmCandidates candidates = NmCandidates.of(p);
        double eps = 1e-6;
        double norm = 0;
        for (int i = 0; i < logits.length; i++) {
            double original = logits[i];
            logits[i] = original + eps;
            double plus = lossInDouble(softInDouble(logits, noiseD, kappa, tau, candidates, 3), wd, rd, lambda);
            logits[i] = original - eps;
            double minus = lossInDouble(softInDouble(logits, noiseD, kappa, tau, candidates, 3), wd, rd, lambda);
            logits[i] = original;
            double numeric = (plus - minus) / (2 * eps);
            assertEquals(numeric, analytic[i], 1e-4 * Math.max(1, Math.abs(numeric)), "logit " + i);
            norm += numeric * numeric;
        }
        assertTrue(norm > 1e-6, "the check must see a non-trivial gradient");
        double[] soft = softInDouble(logits, noiseD, kappa, tau, candidates, 3);
        double[] weightGradient = gradients.get(W).castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        for (int i = 0; i < soft.length; i++) {
            assertEquals(rd[i] * soft[i], weightGradient[i], 1e-5, "W's gradient " + i);
        }
        double reg = -lambda * dotSquares(wd, soft);
        assertEquals(reg, g.output(W + MaskLlmMask.REG).getDouble(0), 1e-5 * Math.max(1, Math.abs(reg)),
                "the regulariser's value the host wrote");
    }

    private static double lossInDouble(double[] soft, double[] w, double[] r, double lambda) {
        double loss = 0;
        for (int i = 0; i < soft.length; i++) {
            loss += w[i] * soft[i] * r[i];
        }
        return loss - lambda * dotSquares(w, soft);
    }

    /** {@code Σ (w ⊙ m)²}. */
    private static double dotSquares(double[] w, double[] m) {
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += w[i] * m[i] * w[i] * m[i];
        }
        return sum;
    }

    /**
     * M̃ of every group in double, straight from the formula (logits and noise {@code [C, rows/M, cols]}): the
     * reference of the finite differences.
     */
    private static double[] softInDouble(double[] logits, double[] noise, double kappa, double tau,
                                         NmCandidates candidates, int cols) {
        int c = candidates.count();
        int m = candidates.pattern().m();
        int groups = logits.length / c;
        double[] soft = new double[groups * m];
        for (int g = 0; g < groups; g++) {
            double[] e = new double[c];
            double sum = 0;
            for (int k = 0; k < c; k++) {
                e[k] = Math.exp((kappa * logits[k * groups + g] + noise[k * groups + g]) / tau);
                sum += e[k];
            }
            for (int i = 0; i < m; i++) {
                double value = 0;
                for (int k = 0; k < c; k++) {
                    value += e[k] / sum * candidates.row(k)[i];
                }
                soft[(g / cols * m + i) * cols + g % cols] = value;
            }
        }
        return soft;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** The regulariser is -λ‖W ⊙ M̃‖² (a reward for kept norm, §4.3) and sends no gradient to W (§9.4). */
    @Test
    void theRegulariserHasANegativeSignAndStopsAtTheWeights() {
        NmPattern p = new NmPattern(2, 4);
        INDArray w = random(DataType.DOUBLE, 8, 8, 4);
        OneWeightGraph g = new OneWeightGraph(new MaskLlmMask(p, 0.2, 1), w, Nd4j.zeros(DataType.DOUBLE, 8, 4));
        g.sd.getVariable("loss").add("total", g.method.lossTerms().get(0));
        g.sd.setLossVariables("total");
        update(g, 0, p, 1.0, 1.0, 0.25);
        INDArray kept = w.mul(g.soft());
        double expected = -0.25 * kept.mul(kept).sumNumber().doubleValue();
        assertEquals(expected, g.output("total").getDouble(0), 1e-6 * Math.abs(expected)); // the host sums in float
        assertEquals(Nd4j.zeros(DataType.DOUBLE, 8, 4), g.gradient());
    }

    /** Before the first update, the effective weight is exactly W and the logits get no gradient. */
    @Test
    void beforeTheFirstUpdateTheEffectiveWeightIsExactlyW() {
        INDArray w = random(DataType.FLOAT, 1, 16, 8);
        OneWeightGraph g = new OneWeightGraph(new MaskLlmMask(new NmPattern(2, 4), 0.2, 1), w);
        assertEquals(w, g.masked());
        assertEquals(0.0, logitGradient(g).norm2Number().doubleValue());
    }

    /** The gradients as a training step gets them: the variable's from the graph, then the host's chain rule. */
    private static Map<String, INDArray> gradients(OneWeightGraph g) {
        Map<String, INDArray> gradients = new HashMap<>(g.sd.calculateGradients(Map.of(), W));
        g.method.toLatentGradients(g.sd, gradients, HostUpdates.NONE);
        return gradients;
    }

    private static INDArray logitGradient(OneWeightGraph g) {
        return gradients(g).get(MaskLlmMask.logitsName(W));
    }

    /** 100% of groups hold exactly N ones after hardening; W is then exactly W ⊙ hard, the logits frozen. */
    @ParameterizedTest(name = "{0}:{1}")
    @CsvSource({"2, 4", "1, 4", "4, 8"})
    void afterHardeningEveryGroupHasExactlyNNonZeros(int n, int m) {
        NmPattern p = new NmPattern(n, m);
        INDArray w = random(DataType.FLOAT, 3, 64, 24);
        OneWeightGraph g = new OneWeightGraph(new MaskLlmMask(p, 1.0, 9), w);
        update(g, 17, p, 0.5, 5, 1e-5);
        g.method.harden(g.sd);
        INDArray hard = g.method.hardMasks(g.sd).get(W);
        for (int ones : onesPerGroup(hard, m)) {
            assertEquals(n, ones);
        }
        for (int ones : onesPerGroup(g.masked(), m)) {
            assertEquals(n, ones, "non-zeros of the effective weight");
        }
        assertEquals(0, p.violations(g.weight()));
        assertEquals(w.mul(hard), g.masked());
        assertEquals(0.0, logitGradient(g).norm2Number().doubleValue());
        assertThrows(IllegalStateException.class, () -> update(g, 18, p, 0.5, 5, 0));
    }

    /** The noise of a step depends on (seed, step, layer) only: two graphs agree, the next step differs. */
    @Test
    void theNoiseOfAStepIsAFunctionOfSeedStepAndLayer() {
        NmPattern p = new NmPattern(2, 4);
        Pair ab = Pair.of(p, 11, 11);
        OneWeightGraph a = ab.a();
        OneWeightGraph b = ab.b();
        update(a, 5, p, 1, 1, 0);
        update(b, 5, p, 1, 1, 0);
        INDArray softA = a.soft();
        assertEquals(softA, b.soft());
        update(b, 6, p, 1, 1, 0);
        assertNotEquals(softA, b.soft());
    }

    /** The noise drawn ahead during the previous step gives the bits of the noise drawn at the update. */
    @Test
    void noiseDrawnAheadIsTheNoiseDrawnInTime() {
        NmPattern p = new NmPattern(2, 4);
        Pair ab = Pair.of(p, 11, 11);
        update(ab.a(), 3, p, 1.5, 2, 0);
        update(ab.a(), 4, p, 1.5, 2, 0); // step 4's noise was drawn after step 3's update
        update(ab.b(), 4, p, 1.5, 2, 0); // drawn now
        assertEquals(ab.a().soft(), ab.b().soft());
        assertEquals(ab.a().masked(), ab.b().masked());
        update(ab.b(), 6, p, 1.5, 2, 0); // step 5's noise was drawn: not used
        update(ab.a(), 6, p, 1.5, 2, 0);
        assertEquals(ab.a().soft(), ab.b().soft());
    }

    /**
     * State round trip: a second graph, its logits restored as a checkpoint restores variables, and the
     * method's state, computes the same soft mask (the last update's noise drawn again) and hard masks.
     */
    @Test
    void stateRestoresTheSameSoftMask() {
        NmPattern p = new NmPattern(2, 4);
        Pair ab = Pair.of(p, 11, 11);
        logits(ab.a()).addi(random(DataType.FLOAT, 4, 6, 2, 4));
        update(ab.a(), 3, p, 1.5, 2, 0);
        logits(ab.b()).assign(logits(ab.a()));
        ab.b().method.restore(ab.b().sd, ab.a().method.state(ab.a().sd));
        assertEquals(ab.a().soft(), ab.b().soft());
        assertEquals(ab.a().masked(), ab.b().masked());
        assertEquals(ab.a().method.hardMasks(ab.a().sd), ab.b().method.hardMasks(ab.b().sd));
    }

    @Test
    void invalidConfigurationIsRefusedWithTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> new MaskLlmMask(new NmPattern(4, 4), 0.1, 0));
        assertTrue(e.getMessage().contains("4:4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MaskLlmMask(new NmPattern(2, 4), -1, 0));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        var method = new MaskLlmMask(new NmPattern(2, 4), 0.1, 0);
        e = assertThrows(IllegalArgumentException.class, () -> method.validate("fc/W", new long[] {6, 3}));
        assertTrue(e.getMessage().contains("fc/W") && e.getMessage().contains("6"), e.getMessage());
    }
}
