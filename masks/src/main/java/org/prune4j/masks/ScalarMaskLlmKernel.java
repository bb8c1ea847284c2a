package org.prune4j.masks;

import java.nio.ByteBuffer;

/**
 * {@link MaskLlmKernel} one group at a time: the reference arithmetic, which {@link VectorMaskLlmKernel}
 * repeats lane by lane and calls for the groups left over after its last full vector.
 */
final class ScalarMaskLlmKernel implements MaskLlmKernel {

    @Override
    public void forward(MaskLlmLayer layer, float[] noise, long key, float kappa, float inverseTau, int from,
                        int to) {
        for (int r = from; r < to; r++) {
            for (int col = 0; col < layer.cols; col++) {
                probabilities(layer, noise, key, kappa, inverseTau, r * layer.cols + col);
                softMask(layer, r, col);
            }
        }
    }

    @Override
    public void noise(float[] out, long key, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = GumbelNoise.value(key, i);
        }
    }

    /**
     * M̃ comes again from the probabilities ({@link #soft}), and {@code Σ_d p_d·s_d} as
     * {@code Σ_i M̃_i·dL/dM̃_i} (the same sum, gathered by position).
     */
    @Override
    public void backward(MaskLlmLayer layer, float regulariserScale, float scale, int from, int to, ByteBuffer out) {
        float[] p = layer.probabilities;
        float[] upstream = new float[layer.m];
        int stride = (to - from) * layer.cols;
        for (int r = from; r < to; r++) {
            for (int col = 0; col < layer.cols; col++) {
                int g = r * layer.cols + col;
                float mean = 0;
                for (int i = 0; i < layer.m; i++) {
                    int at = layer.entry(r, i, col);
                    float w = get(layer.weight, at);
                    float soft = soft(layer, i, g);
                    float d = get(layer.gradient, at);
                    float u = d * w + regulariserScale * w * w * soft;
                    upstream[i] = u;
                    mean += u * soft;
                    if (layer.weightGradient) {
                        put(layer.gradient, at, d * soft);
                    }
                }
                for (int k = 0; k < layer.count; k++) {
                    float gradient = scale * p[k * layer.groups + g] * (candidateSum(layer.kept[k], upstream) - mean);
                    put(out, k * stride + g - from * layer.cols, gradient);
                }
            }
        }
    }

    /** The softmax of group g into the layer's probabilities. */
    static void probabilities(MaskLlmLayer layer, float[] noise, long key, float kappa, float inverseTau, int g) {
        float[] p = layer.probabilities;
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < layer.count; k++) {
            int at = k * layer.groups + g;
            float gumbel = noise != null ? noise[at] : GumbelNoise.value(key, at);
            float z = (get(layer.logits, at) * kappa + gumbel) * inverseTau;
            p[at] = z;
            max = Math.max(max, z);
        }
        float sum = 0;
        for (int k = 0; k < layer.count; k++) {
            int at = k * layer.groups + g;
            float e = FloatMath.expNonPositive(p[at] - max);
            p[at] = e;
            sum += e;
        }
        float inverse = 1 / sum;
        for (int k = 0; k < layer.count; k++) {
            p[k * layer.groups + g] *= inverse;
        }
    }

    /** {@code W·M̃} and its squares of group (r, col), from its probabilities. */
    static void softMask(MaskLlmLayer layer, int r, int col) {
        int g = r * layer.cols + col;
        float squares = 0;
        for (int i = 0; i < layer.m; i++) {
            float soft = soft(layer, i, g);
            int at = layer.entry(r, i, col);
            float kept = get(layer.weight, at) * soft;
            put(layer.effective, at, kept);
            squares += kept * kept;
        }
        layer.keptSquares[g] = squares;
    }

    /** {@code M̃_i} of group g: the probabilities of the candidates that keep position i. */
    static float soft(MaskLlmLayer layer, int i, int g) {
        float soft = 0;
        for (int k : layer.containing[i]) {
            soft += layer.probabilities[k * layer.groups + g];
        }
        return soft;
    }

    /** {@code s_c}: the upstream gradients of the positions candidate c keeps. */
    private static float candidateSum(int[] positions, float[] upstream) {
        float s = 0;
        for (int i : positions) {
            s += upstream[i];
        }
        return s;
    }

    private static float get(ByteBuffer floats, int index) {
        return floats.getFloat(index * Float.BYTES);
    }

    private static void put(ByteBuffer floats, int index, float value) {
        floats.putFloat(index * Float.BYTES, value);
    }
}
