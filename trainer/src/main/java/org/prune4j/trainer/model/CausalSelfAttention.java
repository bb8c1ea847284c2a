package org.prune4j.trainer.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Causal multi-head self-attention for {@link CharTransformer}, on 2D activations.
 *
 * <p>The four projections ({@code attn_q}, {@code attn_k}, {@code attn_v}, {@code attn_out}) are separate
 * {@link GraphBuilder#dense} layers rather than one fused {@code [d, 3d]} weight, so each is its own
 * prunable {@code [nIn, nOut]} weight whose N:M groups never straddle q, k and v. Only the score and
 * mixing steps go to rank 4: {@code [batch*context, d]} is reshaped to {@code [batch, context, heads,
 * headDim]} and permuted to {@code [batch, heads, context, headDim]}, where SameDiff's batched
 * {@code mmul} (transposes included) computes all heads at once.
 */
final class CausalSelfAttention {

    private CausalSelfAttention() {
    }

    /**
     * @param h        the block's normalised input, {@code [batch*context, dModel]}
     * @param causal   {@code [context, context]} additive mask, 0 on and below the diagonal
     * @param std      init std of q, k, v
     * @param outStd   init std of the output projection (it writes into the residual stream)
     * @return the projected attention output, {@code [batch*context, dModel]}, named {@code block/attn}
     */
    static SDVariable apply(GraphBuilder gb, String block, SDVariable h, SDVariable causal,
            CharTransformer.Config cfg, double std, double outStd) {
        SameDiff sd = gb.graph();
        long d = cfg.dModel();
        SDVariable q = heads(gb.dense(block + "/attn_q", h, d, d, std), cfg);
        SDVariable k = heads(gb.dense(block + "/attn_k", h, d, d, std), cfg);
        SDVariable v = heads(gb.dense(block + "/attn_v", h, d, d, std), cfg);
        SDVariable scores = sd.mmul(q, k, false, true, false).mul(1.0 / Math.sqrt(cfg.headDim())).add(causal);
        SDVariable weights = sd.nn().softmax(block + "/attn_weights", scores, 3);
        SDVariable mixed = sd.mmul(weights, v).permute(0, 2, 1, 3).reshape(-1, d);
        return gb.dense(block + "/attn_out", mixed, d, d, outStd).rename(block + "/attn");
    }

    /** {@code [batch*context, d]} to {@code [batch, heads, context, headDim]}. */
    private static SDVariable heads(SDVariable x, CharTransformer.Config cfg) {
        return x.reshape(-1, cfg.context(), cfg.heads(), cfg.headDim()).permute(0, 2, 1, 3);
    }
}
