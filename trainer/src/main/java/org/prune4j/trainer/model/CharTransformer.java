package org.prune4j.trainer.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A small decoder-only byte-level language model (GPT-2 style, pre-LayerNorm) whose dense weights are
 * masked and prunable like those of the other models.
 *
 * <p>Graph: {@code input [batch, context]} byte ids -> token embedding + learned positional embedding ->
 * {@code layers} x [LN -> causal multi-head self-attention -> residual; LN -> dense(d, ffn) -> GELU ->
 * dense(ffn, d) -> residual] -> final LN -> {@code head} dense(d, vocabulary) -> {@code logits
 * [batch*context, vocabulary]} -> softmax cross-entropy against {@code label [batch, context]}
 * (the input shifted by one byte) -> {@code loss}, the mean over all {@code batch*context} positions.
 * Activations stay 2D {@code [batch*context, d]} so every projection is an ordinary
 * {@link GraphBuilder#dense} with an {@code [nIn, nOut]} weight; attention alone reshapes to
 * {@code [batch, heads, context, headDim]}.
 *
 * <p>Placeholders {@code input} and {@code label} are {@link DataType#INT32} byte ids: both are expanded with
 * {@code oneHot}, which takes integer indices (as would {@code gather} and the sparse loss). Feed a
 * {@code DataSet} whose features and labels are INT32 arrays of shape {@code [batch, context]} (for example
 * {@code Nd4j.createFromArray(int[][])}); {@code sd.fit(DataSet)} passes them through unchanged. The batch
 * size is free, the context is fixed. Inference needs only {@code input}: {@code logits} does not depend
 * on {@code label}.
 *
 * <p>SameDiff 1.0.0-M2.1 workarounds (each checked against finite differences):
 * <ul>
 *   <li>The backward pass of {@code gather} fails ("Op ... assign ... Output array did not match expected
 *       shape", deeplearning4j#9756), so the token lookup is {@code oneHot(ids, vocabulary) · E}. Its forward
 *       value equals the gather exactly and its gradient is {@code oneHotᵀ · dY}, at the cost of one
 *       {@code [batch*context, vocabulary] x [vocabulary, d]} matmul.</li>
 *   <li>The backward pass of {@code sparseSoftmaxCrossEntropy} ignores the incoming gradient: it always
 *       returns the gradient of the <em>sum</em> over positions, so after {@code .mean()} the gradient is
 *       {@code batch*context} times too large (its forward value is right). The loss is therefore
 *       {@code softmaxCrossEntropy(oneHot(label), logits)} with its default mean reduction: the same value,
 *       and a gradient equal to {@code (softmax - oneHot) / (batch*context)}.</li>
 *   <li>{@code sd.nn().preciseGelu} gives wrong values and gradients, so the FFN uses {@code sd.nn().gelu},
 *       which in M2.1 is the sigmoid approximation {@code x·σ(1.702x)} (within 0.02 of the erf form).</li>
 *   <li>Batched matmul on rank-4 tensors works with {@code sd.mmul(a, b, false, true, false)}, gradient
 *       included, so attention needs no rank-3 reshape.</li>
 * </ul>
 *
 * <p>Initialisation follows GPT-2: every weight N(0, 0.02²), the two projections that write into the
 * residual stream ({@code attn_out}, {@code ffn_out}) scaled by {@code 1/sqrt(2·layers)} so the stream's
 * variance does not grow with depth, biases 0, LayerNorm gains 1. He-normal (the default of
 * {@link GraphBuilder#dense}) would give the head logits a standard deviation of about 1.4 and an untrained
 * loss near ln(vocabulary) + 1; with 0.02 it is ln(vocabulary) + 0.03. Embeddings and LayerNorm parameters
 * are not masked; {@code head/W} is (recipes exclude it by name when they want it dense).
 */
public final class CharTransformer {

    /** The standard deviation of every initial weight, as in GPT-2. */
    static final double INIT_STD = 0.02;

    /**
     * Added to attention scores of future positions. exp of it underflows to exactly 0 in float, so a
     * position's output does not depend on later tokens at all (not merely approximately).
     */
    static final float MASKED_SCORE = -1e9f;

    private CharTransformer() {
    }

    /**
     * The model's shape.
     *
     * @param layers     transformer blocks
     * @param dModel     width of the residual stream; a multiple of 4 (N:M groups) and of {@code heads}
     * @param heads      attention heads, each of width {@code dModel / heads}
     * @param ffn        hidden width of the feed-forward block; a multiple of 4 (it is {@code ffn_out}'s nIn)
     * @param context    tokens per sequence (fixed: it sizes the positional embedding and the causal mask)
     * @param vocabulary number of token ids (256 for bytes)
     */
    public record Config(int layers, int dModel, int heads, int ffn, int context, int vocabulary) {

        public Config {
            positive("layers", layers);
            positive("dModel", dModel);
            positive("heads", heads);
            positive("ffn", ffn);
            positive("context", context);
            positive("vocabulary", vocabulary);
            if (dModel % heads != 0) {
                throw new IllegalArgumentException(
                        "dModel must be a multiple of heads=" + heads + ", got " + dModel);
            }
            multipleOfFour("dModel", dModel);
            multipleOfFour("ffn", ffn);
        }

        /** 2 layers, d = 128, 4 heads, FFN 512, context 64, 256 byte values: about 0.47 M parameters. */
        public static Config small() {
            return new Config(2, 128, 4, 512, 64, 256);
        }

        /** Width of one attention head. */
        public int headDim() {
            return dModel / heads;
        }

        private static void positive(String name, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, got " + value);
            }
        }

        /** N:M masks (2:4, 4:8 ...) group the input dimension of a dense weight in fours. */
        private static void multipleOfFour(String name, int value) {
            if (value % 4 != 0) {
                throw new IllegalArgumentException(
                        name + " must be a multiple of 4 (N:M masks group nIn in fours), got " + value);
            }
        }
    }

    /** Builds the graph with nothing pruned; initial weights are a function of (seed, weight name). */
    public static ModelGraph build(long seed, Config cfg) {
        return build(seed, cfg, Masking.none());
    }

    /** As {@link #build(long, Config)}, each prunable weight masked as {@code masking} says. */
    public static ModelGraph build(long seed, Config cfg, Masking masking) {
        SameDiff sd = SameDiff.create();
        GraphBuilder gb = new GraphBuilder(sd, seed, masking);
        long t = cfg.context();
        long d = cfg.dModel();
        SDVariable input = sd.placeHolder("input", DataType.INT32, -1, t);
        SDVariable label = sd.placeHolder("label", DataType.INT32, -1, t);

        SDVariable tokEmb = gb.normal("tok_emb", INIT_STD, cfg.vocabulary(), d);
        SDVariable posEmb = gb.normal("pos_emb", INIT_STD, t, d);
        SDVariable tokens = sd.oneHot("input_onehot", input.reshape(-1), cfg.vocabulary()).mmul(tokEmb);
        SDVariable x = tokens.reshape(-1, t, d).add(posEmb).reshape(-1, d);

        double residualStd = INIT_STD / Math.sqrt(2.0 * cfg.layers());
        SDVariable causal = sd.constant("causal_mask", causalMask(cfg.context()));
        for (int i = 0; i < cfg.layers(); i++) {
            String block = "block" + i;
            SDVariable h = layerNorm(gb, block + "/ln1", x, d);
            x = x.add(CausalSelfAttention.apply(gb, block, h, causal, cfg, INIT_STD, residualStd));
            h = layerNorm(gb, block + "/ln2", x, d);
            SDVariable f = sd.nn().gelu(gb.dense(block + "/ffn_in", h, d, cfg.ffn(), INIT_STD));
            x = x.add(block + "/out", gb.dense(block + "/ffn_out", f, cfg.ffn(), d, residualStd));
        }
        SDVariable hidden = layerNorm(gb, "ln_f", x, d);
        SDVariable logits = gb.dense("head", hidden, d, cfg.vocabulary(), INIT_STD).rename("logits");
        SDVariable target = sd.oneHot("label_onehot", label.reshape(-1), cfg.vocabulary());
        sd.loss().softmaxCrossEntropy("loss", target, logits, null);
        sd.setLossVariables("loss");
        return new ModelGraph(sd, "input", "label", "logits", "loss", Task.LANGUAGE_MODEL, gb.prunable());
    }

    /** LayerNorm over the feature axis of {@code [n, d]} with a learned gain (1) and bias (0), not masked. */
    private static SDVariable layerNorm(GraphBuilder gb, String name, SDVariable x, long d) {
        SDVariable gain = gb.filled(name + "/gain", 1.0, d);
        SDVariable bias = gb.filled(name + "/bias", 0.0, d);
        return gb.graph().nn().layerNorm(name, x, gain, bias, false, 1);
    }

    /** {@code [context, context]}: 0 where a query may see a key (key <= query), {@link #MASKED_SCORE} above. */
    static INDArray causalMask(int context) {
        float[][] m = new float[context][context];
        for (int q = 0; q < context; q++) {
            for (int k = q + 1; k < context; k++) {
                m[q][k] = MASKED_SCORE;
            }
        }
        return Nd4j.createFromArray(m);
    }
}
