package org.prune4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

class CharTransformerTest {

    /** Small enough that 50 Adam steps take about 1.5 s on 2 cores; they bring the loss from 5.5 to about 0.9. */
    private static final CharTransformer.Config TINY = new CharTransformer.Config(2, 64, 4, 128, 16, 256);

    @Test
    void smallConfigIsTwoLayersOf128WithFourHeads() {
        CharTransformer.Config c = CharTransformer.Config.small();
        assertEquals(new CharTransformer.Config(2, 128, 4, 512, 64, 256), c);
        assertEquals(32, c.headDim());
    }

    @Test
    void logitsCoverEveryPositionAndLossIsAScalar() {
        CharTransformer.Config cfg = CharTransformer.Config.small();
        ModelGraph m = CharTransformer.build(1, cfg);
        assertEquals(Task.LANGUAGE_MODEL, m.task());
        assertEquals(List.of("input", "label", "logits", "loss"), List.of(m.input(), m.label(), m.logits(), m.loss()));
        assertEquals(List.of("loss"), m.graph().getLossVariables());
        assertEquals(DataType.INT32, m.graph().getVariable("input").dataType());
        assertEquals(DataType.INT32, m.graph().getVariable("label").dataType());

        INDArray[] xy = randomBytes(3, cfg.context(), 1);
        Map<String, INDArray> out = m.graph().output(Map.of("input", xy[0], "label", xy[1]), "logits", "loss");
        assertArrayEquals(new long[] {3L * cfg.context(), cfg.vocabulary()}, out.get("logits").shape());
        assertEquals(0, out.get("loss").rank());
    }

    @Test
    void prunableWeightsAreTheFourAttentionProjectionsTheTwoFfnLayersAndTheHead() {
        CharTransformer.Config cfg = CharTransformer.Config.small();
        ModelGraph m = CharTransformer.build(1, cfg);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < cfg.layers(); i++) {
            for (String layer : List.of("attn_q", "attn_k", "attn_v", "attn_out", "ffn_in", "ffn_out")) {
                expected.add("block" + i + "/" + layer + "/W");
            }
        }
        expected.add("head/W");
        assertEquals(expected, m.prunable().stream().map(PrunableWeight::name).toList());

        Map<String, long[]> shapes = Map.of("attn_q", new long[] {128, 128}, "attn_k", new long[] {128, 128},
                "attn_v", new long[] {128, 128}, "attn_out", new long[] {128, 128},
                "ffn_in", new long[] {128, 512}, "ffn_out", new long[] {512, 128}, "head", new long[] {128, 256});
        for (PrunableWeight p : m.prunable()) {
            String[] parts = p.name().split("/");
            assertArrayEquals(shapes.get(parts[parts.length - 2]), p.shape(), p.name());
            assertArrayEquals(p.shape(), m.graph().getArrForVarName(p.name()).shape(), p.name());
            assertArrayEquals(p.shape(), m.graph().getArrForVarName(p.maskName()).shape(), p.maskName());
            assertEquals(0, p.inputDim() % 4, p.name() + " nIn");
        }
        // embeddings and LayerNorm parameters are trainable but not masked
        for (String dense : List.of("tok_emb", "pos_emb", "block0/ln1/gain", "ln_f/bias")) {
            assertEquals(VariableType.VARIABLE, m.graph().getVariable(dense).getVariableType(), dense);
            assertFalse(m.graph().hasVariable(dense + "_mask"), dense);
        }
        long perBlock = 4 * (128 * 128 + 128) + (128 * 512 + 512) + (512 * 128 + 128) + 4 * 128;
        long expectedParams = 256 * 128 + 64 * 128 + 2 * perBlock + 2 * 128 + (128 * 256 + 256);
        assertEquals(expectedParams, m.parameterCount());
    }

    /** With std-0.02 weights the logits are nearly equal, so the loss is close to ln(256) = 5.545. */
    @Test
    void untrainedLossOnRandomBytesIsNearLn256() {
        CharTransformer.Config cfg = CharTransformer.Config.small();
        ModelGraph m = CharTransformer.build(3, cfg);
        INDArray[] xy = randomBytes(8, cfg.context(), 2);
        double loss = m.graph().output(Map.of("input", xy[0], "label", xy[1]), "loss").get("loss").getDouble(0);
        assertEquals(Math.log(256), loss, 0.3);
    }

    @Test
    void laterTokensDoNotChangeEarlierLogits() {
        CharTransformer.Config cfg = CharTransformer.Config.small();
        ModelGraph m = CharTransformer.build(4, cfg);
        int t = cfg.context();
        INDArray[] xy = randomBytes(2, t, 3);
        INDArray before = logits(m, xy[0], cfg);
        for (int cut : new int[] {0, 17, t - 2}) {
            INDArray changed = xy[0].dup();
            for (int b = 0; b < 2; b++) {
                for (int p = cut + 1; p < t; p++) {
                    changed.putScalar(b, p, (changed.getInt(b, p) + 1 + 37 * b + p) % 256);
                }
            }
            INDArray after = logits(m, changed, cfg);
            double early = before.get(NDArrayIndex.all(), NDArrayIndex.interval(0, cut + 1), NDArrayIndex.all())
                    .sub(after.get(NDArrayIndex.all(), NDArrayIndex.interval(0, cut + 1), NDArrayIndex.all()))
                    .amaxNumber().doubleValue();
            double late = before.get(NDArrayIndex.all(), NDArrayIndex.interval(cut + 1, t), NDArrayIndex.all())
                    .sub(after.get(NDArrayIndex.all(), NDArrayIndex.interval(cut + 1, t), NDArrayIndex.all()))
                    .amaxNumber().doubleValue();
            assertTrue(early <= 1e-5, "positions <= " + cut + " moved by " + early);
            assertTrue(late > 1e-3, "positions > " + cut + " should see their own changed tokens, moved by " + late);
        }
    }

    /**
     * The projections split into heads the usual way (head h owns feature columns [h*headDim, (h+1)*headDim)),
     * checked against attention written out with plain matrix products.
     */
    @Test
    void attentionMatchesANaiveReference() {
        CharTransformer.Config cfg = new CharTransformer.Config(1, 8, 2, 8, 5, 11);
        ModelGraph m = CharTransformer.build(5, cfg);
        SameDiff sd = m.graph();
        randomise(sd, 0.5, 6);
        INDArray[] xy = randomIds(3, cfg.context(), cfg.vocabulary(), 7);
        Map<String, INDArray> out = sd.output(Map.of("input", xy[0], "label", xy[1]), "block0/ln1", "block0/attn");
        INDArray h = out.get("block0/ln1");
        INDArray q = affine(sd, h, "block0/attn_q");
        INDArray k = affine(sd, h, "block0/attn_k");
        INDArray v = affine(sd, h, "block0/attn_v");
        int t = cfg.context();
        int hd = cfg.headDim();
        INDArray mixed = Nd4j.create(DataType.FLOAT, 3L * t, cfg.dModel());
        for (int b = 0; b < 3; b++) {
            for (int head = 0; head < cfg.heads(); head++) {
                INDArrayIndex[] block = {
                    NDArrayIndex.interval(b * t, (b + 1) * t), NDArrayIndex.interval(head * hd, (head + 1) * hd)};
                INDArray scores = q.get(block).mmul(k.get(block).transpose()).divi(Math.sqrt(hd));
                for (int i = 0; i < t; i++) {
                    for (int j = i + 1; j < t; j++) {
                        scores.putScalar(i, j, Double.NEGATIVE_INFINITY);
                    }
                }
                mixed.get(block).assign(Transforms.softmax(scores, true).mmul(v.get(block)));
            }
        }
        INDArray expected = affine(sd, mixed, "block0/attn_out");
        INDArray actual = out.get("block0/attn");
        assertTrue(expected.sub(actual).amaxNumber().doubleValue() < 1e-4,
                "max |naive - graph| = " + expected.sub(actual).amaxNumber());
    }

    /**
     * Central differences against SameDiff's gradients for every parameter (a few entries each). This is
     * what caught M2.1's sparse cross-entropy gradient being batch*context times too large.
     */
    @Test
    void gradientsMatchFiniteDifferences() {
        CharTransformer.Config cfg = new CharTransformer.Config(2, 8, 2, 8, 5, 7);
        ModelGraph m = CharTransformer.build(3, cfg);
        SameDiff sd = m.graph();
        randomise(sd, 0.3, 5);
        INDArray[] xy = randomIds(3, cfg.context(), cfg.vocabulary(), 4);
        Map<String, INDArray> ph = Map.of("input", xy[0], "label", xy[1]);
        List<String> params = sd.variables().stream()
                .filter(v -> v.getVariableType() == VariableType.VARIABLE).map(SDVariable::name).toList();
        Map<String, INDArray> grads = sd.calculateGradients(ph, params);
        SplittableRandom rng = new SplittableRandom(6);
        double eps = 1e-2;
        List<String> bad = new ArrayList<>();
        for (String p : params) {
            INDArray w = sd.getArrForVarName(p);
            for (int n = 0; n < 3; n++) {
                long i = rng.nextLong(w.length());
                double original = w.getDouble(i);
                w.putScalar(i, original + eps);
                double plus = sd.output(ph, "loss").get("loss").getDouble(0);
                w.putScalar(i, original - eps);
                double minus = sd.output(ph, "loss").get("loss").getDouble(0);
                w.putScalar(i, original);
                double numeric = (plus - minus) / (2 * eps);
                double analytic = grads.get(p).getDouble(i);
                // float losses: differences below ~1e-3 are rounding noise
                double rel = Math.abs(numeric - analytic) / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic));
                if (rel > 0.05) {
                    bad.add(p + "[" + i + "] numeric " + numeric + " analytic " + analytic);
                }
            }
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    @Test
    void fiftyAdamStepsOnRepetitiveTextHalveTheLoss() {
        ModelGraph m = CharTransformer.build(7, TINY);
        SameDiff sd = m.graph();
        sd.setTrainingConfig(trainingConfig());
        DataSet ds = textWindows("hello world ".repeat(8), 12, TINY.context());
        Map<String, INDArray> ph = Map.of("input", ds.getFeatures(), "label", ds.getLabels());
        double start = sd.output(ph, "loss").get("loss").getDouble(0);
        for (int step = 0; step < 50; step++) {
            sd.fit(ds);
        }
        double end = sd.output(ph, "loss").get("loss").getDouble(0);
        System.out.printf("CharTransformer %s, 50 Adam steps on \"hello world \": loss %.3f -> %.3f%n",
                TINY, start, end);
        assertTrue(end < start / 2, "loss " + start + " -> " + end);
    }

    /**
     * Times sd.fit (forward, backward, Adam) of Config.small() at batch 32 and prints it; the timing itself is
     * not asserted (the machine is shared), but the steps must train.
     */
    @Test
    void smallConfigTrainsAtBatch32AndReportsStepTime() {
        CharTransformer.Config cfg = CharTransformer.Config.small();
        ModelGraph m = CharTransformer.build(8, cfg);
        SameDiff sd = m.graph();
        sd.setTrainingConfig(trainingConfig());
        DataSet ds = textWindows("the quick brown fox jumps over the lazy dog. ".repeat(8), 32, cfg.context());
        Map<String, INDArray> ph = Map.of("input", ds.getFeatures(), "label", ds.getLabels());
        double start = sd.output(ph, "loss").get("loss").getDouble(0);
        // ND4J frees off-heap buffers only when the GC collects their arrays; without this the earlier
        // tests' garbage makes JavaCPP stall allocations here (measured 2-3x slower steps).
        System.gc();
        long t0 = System.nanoTime();
        sd.fit(ds); // the first step also builds the gradient graph
        double firstMs = (System.nanoTime() - t0) / 1e6;
        double[] ms = new double[8];
        for (int i = 0; i < ms.length; i++) {
            long s = System.nanoTime();
            sd.fit(ds);
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        double end = sd.output(ph, "loss").get("loss").getDouble(0);
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf("CharTransformer Config.small() batch 32: first step %.0f ms, then median %.0f ms"
                + " (min %.0f, max %.0f) over %d steps; loss %.3f -> %.3f%n",
                firstMs, (sorted[ms.length / 2 - 1] + sorted[ms.length / 2]) / 2, sorted[0], sorted[ms.length - 1],
                ms.length, start, end);
        assertTrue(Double.isFinite(end) && end < start, "loss " + start + " -> " + end);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "0;128;4;512;64;256;layers must be > 0, got 0",
        "2;-4;4;512;64;256;dModel must be > 0, got -4",
        "2;128;0;512;64;256;heads must be > 0, got 0",
        "2;128;4;0;64;256;ffn must be > 0, got 0",
        "2;128;4;512;0;256;context must be > 0, got 0",
        "2;128;4;512;64;0;vocabulary must be > 0, got 0",
        "2;128;3;512;64;256;dModel must be a multiple of heads=3, got 128",
        "2;6;2;512;64;256;dModel must be a multiple of 4 (N:M masks group nIn in fours), got 6",
        "2;128;4;510;64;256;ffn must be a multiple of 4 (N:M masks group nIn in fours), got 510",
    })
    void invalidConfigsAreRejectedNamingFieldRuleAndValue(
            int layers, int dModel, int heads, int ffn, int context, int vocabulary, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CharTransformer.Config(layers, dModel, heads, ffn, context, vocabulary));
        assertEquals(message, e.getMessage());
    }

    @Test
    void initialisationIsAFunctionOfSeedAndName() {
        INDArray a = CharTransformer.build(9, TINY).graph().getArrForVarName("block1/attn_v/W");
        INDArray b = CharTransformer.build(9, new CharTransformer.Config(2, 64, 2, 64, 8, 256))
                .graph().getArrForVarName("block1/attn_v/W");
        INDArray c = CharTransformer.build(10, TINY).graph().getArrForVarName("block1/attn_v/W");
        assertEquals(a, b); // heads, ffn and context do not change another weight's values
        assertFalse(a.equals(c));
        assertEquals(CharTransformer.INIT_STD, a.stdNumber().doubleValue(), 0.002);
        INDArray residual = CharTransformer.build(9, TINY).graph().getArrForVarName("block1/ffn_out/W");
        assertEquals(CharTransformer.INIT_STD / 2, residual.stdNumber().doubleValue(), 0.001); // 1/sqrt(2*layers)
    }

    private static TrainingConfig trainingConfig() {
        return TrainingConfig.builder().updater(new Adam(1e-3))
                .dataSetFeatureMapping("input").dataSetLabelMapping("label").build();
    }

    /** Logits as {@code [batch, context, vocabulary]}. */
    private static INDArray logits(ModelGraph m, INDArray input, CharTransformer.Config cfg) {
        INDArray labels = Nd4j.zeros(DataType.INT32, input.shape());
        return m.graph().output(Map.of("input", input, "label", labels), "logits").get("logits")
                .reshape(input.size(0), cfg.context(), cfg.vocabulary());
    }

    /** INT32 {@code [batch, context]} features and labels of uniformly random bytes. */
    private static INDArray[] randomBytes(int batch, int context, long seed) {
        return randomIds(batch, context, 256, seed);
    }

    /** INT32 {@code [batch, context]} features and labels, uniform in {@code [0, vocabulary)}. */
    private static INDArray[] randomIds(int batch, int context, int vocabulary, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] x = new int[batch][context];
        int[][] y = new int[batch][context];
        for (int b = 0; b < batch; b++) {
            for (int p = 0; p < context; p++) {
                x[b][p] = rng.nextInt(vocabulary);
                y[b][p] = rng.nextInt(vocabulary);
            }
        }
        return new INDArray[] {Nd4j.createFromArray(x), Nd4j.createFromArray(y)};
    }

    /** {@code batch} windows of the text starting at offsets 0, 1, 2 ...; labels are the next bytes. */
    private static DataSet textWindows(String text, int batch, int context) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[][] x = new int[batch][context];
        int[][] y = new int[batch][context];
        for (int b = 0; b < batch; b++) {
            for (int p = 0; p < context; p++) {
                x[b][p] = bytes[b + p] & 0xff;
                y[b][p] = bytes[b + p + 1] & 0xff;
            }
        }
        return new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
    }

    /** Replaces every trainable value with N(0, std^2) noise so LayerNorm gains and biases are not trivial. */
    private static void randomise(SameDiff sd, double std, long seed) {
        Nd4j.getRandom().setSeed(seed);
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                v.getArr().addi(Nd4j.randn(DataType.FLOAT, v.getArr().shape()).muli(std));
            }
        }
    }

    /** {@code x·W + b} of a dense layer, evaluated eagerly from the graph's current values. */
    private static INDArray affine(SameDiff sd, INDArray x, String layer) {
        return x.mmul(sd.getArrForVarName(layer + "/W")).addRowVector(sd.getArrForVarName(layer + "/b"));
    }
}
