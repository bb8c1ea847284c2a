package org.prune4j.masks;

import java.nio.ByteBuffer;

/**
 * MaskLLM's per-step host arithmetic for the group rows {@code [from, to)} of one {@link MaskLlmLayer}
 * (reference/algorithms.md §4), in float. Every implementation gives the same bits:
 * {@link ScalarMaskLlmKernel} is the reference, {@link VectorMaskLlmKernel} does the same operations
 * lane by lane with the JDK's Vector API, when the JVM has it ({@code --add-modules jdk.incubator.vector},
 * which the launcher and the build pass).
 */
interface MaskLlmKernel {

    /**
     * From the layer's logits and the noise (drawn from {@code key} with {@link GumbelNoise}, or read from
     * {@code noise} when it is not null, which may be the probabilities themselves: a group's noise is read
     * before its probabilities are written): {@code p = softmax((κ·π + g)·inverseTau)} of every group into the
     * layer's probabilities, and with {@code M̃_i = Σ_c p_c·S_ci}, {@code W·M̃} (W the layer's weight) into
     * its effective weight and the squares per group into keptSquares.
     */
    void forward(MaskLlmLayer layer, float[] noise, long key, float kappa, float inverseTau, int from, int to);

    /** {@link GumbelNoise#value} of the indices {@code [from, to)} under {@code key} into {@code out}. */
    void noise(float[] out, long key, int from, int to);

    /**
     * From the layer's gradient ({@code dL/d(W·M̃)}, row-major), with the regulariser
     * {@code -λ·Σ(sg(W)·M̃)²} ({@code regulariserScale = -2λ}) and the probabilities of the last forward pass:
     * {@code dL/dπ_c = scale·p_c·(s_c - Σ_d p_d·s_d)} with {@code s_c = Σ_i S_ci·dL/dM̃_i} into {@code out}
     * ({@code scale = κ/τ}), and {@code dL/dW = gradient·M̃} into the layer's gradient where the layer asks
     * for it ({@code weightGradient}). {@code out} holds the
     * block's logits' gradient laid out like theirs, {@code [C, to - from, cols]}: candidate k of group
     * {@code g} at {@code k·(to - from)·cols + g - from·cols}.
     */
    void backward(MaskLlmLayer layer, float regulariserScale, float scale, int from, int to, ByteBuffer out);

    /** The Vector API form where the JVM has the module, else the scalar one: the same bits either way. */
    static MaskLlmKernel fastest() {
        // a lambda, not a constructor reference: the class loads only when it is called
        return HostKernels.fastest(() -> new VectorMaskLlmKernel(), ScalarMaskLlmKernel::new);
    }
}
