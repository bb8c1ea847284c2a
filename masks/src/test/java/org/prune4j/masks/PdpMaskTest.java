package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PdpMaskTest {

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("unstructured", new Unstructured(), 0.7),
                Arguments.of("2:4", new NmPattern(2, 4), 0.5),
                Arguments.of("1:4", new NmPattern(1, 4), 0.75),
                Arguments.of("channel", new Channels(), 0.6));
    }

    private static INDArray randomWeight(DataType type, long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, shape).castTo(type);
    }

    /**
     * Central differences in float64 of {@code sum(Ŵ * R)} against SameDiff's backward pass, with t
     * held constant (the soft masks are refreshed from the perturbed weights at the thresholds of the
     * last update). τ is fixed near the squared scores so that many units sit in the soft zone; the
     * check must see the boosting term, so the numeric gradient has to differ from the one with m
     * held constant ({@code R * Ŵ / W}).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void finiteDifferencesInFloat64MatchTheGradientThroughBothFactors(String name, Structure structure,
                                                                       double sparsity) {
        INDArray w = randomWeight(DataType.DOUBLE, 7, 8, 6);
        INDArray r = randomWeight(DataType.DOUBLE, 8, 8, 6);
        double tau = structure instanceof Channels ? 4.0 : 0.5;
        PdpMask pdp = new PdpMask(structure, PdpTemperature.fixed(tau));
        OneWeightGraph g = new OneWeightGraph(pdp, w, r);
        g.update(sparsity);
        INDArray analytic = g.gradient();
        INDArray maskHeld = r.mul(g.masked()).div(g.weight());
        double eps = 1e-6;
        double boosting = 0;
        INDArray weight = g.weight();
        for (long i = 0; i < weight.length(); i++) {
            double original = weight.getDouble(i);
            double plus = lossWith(g, pdp, i, original + eps);
            double minus = lossWith(g, pdp, i, original - eps);
            lossWith(g, pdp, i, original);
            double numeric = (plus - minus) / (2 * eps);
            assertEquals(numeric, analytic.getDouble(i), 1e-7 * Math.max(1, Math.abs(numeric)), name + " entry " + i);
            boosting = Math.max(boosting, Math.abs(numeric - maskHeld.getDouble(i)));
        }
        assertTrue(boosting > 0.1, name + ": the check must exercise the boosting term, max difference " + boosting);
    }

    /**
     * For channels the chain rule is not entry by entry; on float weights the host applies it in float, on
     * float64 ones through ND4J ops (what the finite differences above check): the two agree to float
     * precision, on a case where the boosting term {@code W·k·Σ g W} matters.
     */
    @Test
    void channelChainRuleInFloatMatchesFloat64() {
        INDArray w = randomWeight(DataType.DOUBLE, 7, 8, 6);
        INDArray r = randomWeight(DataType.DOUBLE, 8, 8, 6);
        INDArray[] gradients = new INDArray[2];
        INDArray maskHeld = null;
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            OneWeightGraph g = new OneWeightGraph(new PdpMask(new Channels(), PdpTemperature.fixed(4.0)),
                    w.castTo(type), r);
            g.update(0.6);
            gradients[type == DataType.FLOAT ? 0 : 1] = g.gradient().castTo(DataType.DOUBLE);
            maskHeld = r.mul(g.masked().castTo(DataType.DOUBLE)).div(w);
        }
        double scale = gradients[1].norm2Number().doubleValue();
        assertTrue(gradients[1].sub(maskHeld).norm2Number().doubleValue() > 0.1 * scale, "the boosting term matters");
        assertEquals(0, gradients[0].sub(gradients[1]).norm2Number().doubleValue(), 1e-5 * scale);
    }

    /** The loss with entry {@code i} of the weight set to {@code value}, the soft masks refreshed at held t. */
    private static double lossWith(OneWeightGraph g, PdpMask pdp, long i, double value) {
        g.weight().putScalar(i, value);
        pdp.refreshAtHeldThresholds(g.sd);
        return g.loss();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void beforeTheFirstUpdateTheEffectiveWeightIsExactlyW(String name, Structure structure, double sparsity) {
        OneWeightGraph g = randomGraph(structure, 1, 16, 8);
        assertEquals(g.weight(), g.masked(), name);
        assertEquals(g.sd.getArrForVarName("R"), g.gradient(), name + ": gradient of sum(W * R) is R");
    }

    /** PDP (τ = 1e-2 × mean squared score) on a random float weight, with a random R in the loss. */
    private static OneWeightGraph randomGraph(Structure structure, long seed, long rows, long cols) {
        return new OneWeightGraph(new PdpMask(structure, PdpTemperature.scaled(1e-2)),
                randomWeight(DataType.FLOAT, seed, rows, cols), randomWeight(DataType.FLOAT, seed + 1, rows, cols));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void afterHardeningCountsAreExactAndTheSoftFactorIsOff(String name, Structure structure, double sparsity) {
        OneWeightGraph g = randomGraph(structure, 3, 64, 24);
        INDArray r = g.sd.getArrForVarName("R");
        g.update(sparsity);
        g.method.harden(g.sd);
        INDArray mask = g.sd.getArrForVarName(OneWeightGraph.W + "_mask");
        long units = structure instanceof Channels ? 24 : 64 * 24;
        long zeros = MagnitudeMasks.zeros(mask);
        long prunedUnits = structure instanceof Channels ? zeros / 64 : zeros;
        assertEquals(units - MagnitudeMasks.keptCount(units, sparsity), prunedUnits, name + ": exact pruned count");
        if (structure instanceof NmPattern p) {
            assertEquals(0, p.violations(mask), name);
            assertEquals(64 * 24 / p.m() * p.n(), mask.sumNumber().longValue(), name + ": exactly N per group");
        }
        assertEquals(g.weight().mul(mask), g.masked(), name + ": effective weight is W * mask");
        assertEquals(0, g.weight().mul(mask.rsub(1)).neq(0).castTo(DataType.INT32).sumNumber().intValue(),
                name + ": pruned weights are zeroed");
        assertEquals(r.mul(mask), g.gradient(), name + ": the gradient is the hard mask's");
        assertThrows(IllegalStateException.class, () -> g.update(sparsity), name + ": frozen");
    }

    @Test
    void hardMaskIsWhereTheSoftMaskIsAtLeastOneHalf() {
        OneWeightGraph g = new OneWeightGraph(new PdpMask(new Unstructured(), PdpTemperature.scaled(1e-2)),
                randomWeight(DataType.FLOAT, 5, 128, 32));
        g.update(0.9);
        INDArray hard = g.method.hardMasks(g.sd).get(OneWeightGraph.W);
        INDArray soft = g.masked().div(g.weight()); // m, entry by entry
        assertEquals(soft.gte(0.5).castTo(DataType.FLOAT), hard);
        assertEquals(Math.round(128 * 32 * 0.9), MagnitudeMasks.zeros(hard));
    }

    @Test
    void tiedMagnitudesStillHardenToExactCountsByIndex() {
        INDArray w = Nd4j.ones(DataType.FLOAT, 8, 4).muli(0.5);
        OneWeightGraph g = new OneWeightGraph(new PdpMask(new Unstructured(), PdpTemperature.fixed(1e-2)), w);
        g.update(0.25);
        g.method.harden(g.sd);
        INDArray mask = g.sd.getArrForVarName(OneWeightGraph.W + "_mask");
        assertEquals(8, MagnitudeMasks.zeros(mask), "exactly 25% of 32 pruned although all tie");
        assertEquals(1.0, mask.getDouble(0), 0, "ties kept in index order: the first entries survive");
        assertEquals(0.0, mask.getDouble(31), 0);
    }

    @Test
    void tauScalesWithTheLayerAtTheFirstUpdateAndThenStays() {
        INDArray w = randomWeight(DataType.FLOAT, 6, 32, 16);
        OneWeightGraph g = new OneWeightGraph(new PdpMask(new Unstructured(), PdpTemperature.scaled(0.01)), w);
        double meanSquare = w.mul(w).meanNumber().doubleValue();
        g.update(0.5);
        double tau = g.method.state(g.sd).get(OneWeightGraph.W + "_pdp_host").getDouble(0);
        assertEquals(0.01 * meanSquare, tau, 1e-6 * tau);
        g.weight().muli(3);
        g.update(0.6);
        assertEquals(tau, g.method.state(g.sd).get(OneWeightGraph.W + "_pdp_host").getDouble(0), 0);
    }

    /** 2:4 and channels each restore through their host fast path (group thresholds, column norms). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("restored")
    void stateRestoresIntoAFreshGraphAndContinuesIdentically(String name, Structure structure) {
        INDArray w = randomWeight(DataType.FLOAT, 9, 16, 8);
        OneWeightGraph a = new OneWeightGraph(new PdpMask(structure, PdpTemperature.scaled(1e-2)), w.dup());
        a.update(0.5);
        a.update(0.5);
        Map<String, INDArray> state = a.method.state(a.sd);
        OneWeightGraph b = new OneWeightGraph(new PdpMask(structure, PdpTemperature.scaled(1e-2)), w.dup());
        b.method.restore(b.sd, state); // rebuilds the variable (Ŵ) from the latent weight: nothing else copied
        assertArrayEquals(HostArrays.toFloats(a.masked()), HostArrays.toFloats(b.masked()));
        a.method.harden(a.sd);
        b.method.harden(b.sd);
        assertArrayEquals(HostArrays.toFloats(a.masked()), HostArrays.toFloats(b.masked()));
        Map<String, INDArray> hardened = a.method.state(a.sd);
        OneWeightGraph c = new OneWeightGraph(new PdpMask(structure, PdpTemperature.scaled(1e-2)), w.dup());
        c.method.restore(c.sd, hardened);
        assertThrows(IllegalStateException.class, () -> c.update(0.5), "the hardened flag is state too");
    }

    static Stream<Arguments> restored() {
        return Stream.of(Arguments.of("2:4", new NmPattern(2, 4)), Arguments.of("channel", new Channels()));
    }

    /**
     * From the second update on, channels are softened from the column norms the host sums from the float
     * latent weight: the same bits as the plain path from the weight's values in double at that threshold.
     */
    @Test
    void channelsSoftenedFromTheHostsColumnNormsMatchThePlainPath() {
        PdpMask pdp = new PdpMask(new Channels(), PdpTemperature.scaled(0.5)); // τ near the squared norms: soft
        OneWeightGraph g = new OneWeightGraph(pdp, randomWeight(DataType.FLOAT, 3, 64, 24));
        g.update(0.5);
        g.update(0.6); // the fast path, at a new threshold
        float[] fast = HostArrays.toFloats(g.masked());
        float[] gains = HostArrays.toFloats(g.sd.getArrForVarName(OneWeightGraph.W + ChannelForm.BOOST));
        pdp.refreshAtHeldThresholds(g.sd); // the plain path at the threshold the fast path found
        assertArrayEquals(HostArrays.toFloats(g.masked()), fast);
        assertArrayEquals(HostArrays.toFloats(g.sd.getArrForVarName(OneWeightGraph.W + ChannelForm.BOOST)), gains);
        int soft = 0;
        for (float k : gains) {
            soft += k != 0f ? 1 : 0;
        }
        assertTrue(soft > 0, "some channels are soft, so the gains are checked too");
    }

    @Test
    void misuseAndBadConfigurationAreRefusedWithTheRule() {
        PdpMask pdp = new PdpMask(new Unstructured(), PdpTemperature.fixed(1e-4));
        OneWeightGraph g = new OneWeightGraph(pdp, randomWeight(DataType.FLOAT, 1, 4, 4));
        assertEquals("harden before the first update: there is no target to harden at",
                assertThrows(IllegalStateException.class, () -> pdp.harden(g.sd)).getMessage());
        assertThrows(IllegalStateException.class, () -> pdp.apply(g.sd, g.sd.getVariable(OneWeightGraph.W)));
        assertEquals("n must be < m for PDP (4:4 prunes nothing), got 4", assertThrows(IllegalArgumentException.class,
                () -> new PdpMask(new NmPattern(4, 4), PdpTemperature.fixed(1e-4))).getMessage());
        assertEquals("fc1/W: the input dimension must be a multiple of m=4 for 2:4, got 30",
                assertThrows(IllegalArgumentException.class, () -> new PdpMask(new NmPattern(2, 4),
                        PdpTemperature.fixed(1e-4)).validate("fc1/W", new long[] {30, 10})).getMessage());
        assertEquals("exactly one of tau and tauScale must be given, got tau=1.0E-4, tauScale=0.01",
                assertThrows(IllegalArgumentException.class, () -> new PdpTemperature(1e-4, 1e-2)).getMessage());
        assertEquals("sparsity must be 1 - n/m = 0.5 for 2:4, got 0.3", assertThrows(IllegalArgumentException.class,
                () -> new OneWeightGraph(new PdpMask(new NmPattern(2, 4), PdpTemperature.fixed(1e-4)),
                        randomWeight(DataType.FLOAT, 1, 4, 4)).update(0.3)).getMessage());
    }
}
