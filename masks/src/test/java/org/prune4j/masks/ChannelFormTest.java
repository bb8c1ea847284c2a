package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The channel form's host passes: independent of the split, and the fast soften equal to the plain one. */
class ChannelFormTest {

    @Test
    void theChainRuleDoesNotDependOnHowItIsSplit() {
        int rows = 70;
        int cols = 37;
        SplittableRandom rng = new SplittableRandom(11);
        float[] g = gaussian(rng, rows * cols);
        float[] w = gaussian(rng, rows * cols);
        float[] mask = new float[cols];
        float[] boost = new float[cols];
        for (int c = 0; c < cols; c++) {
            mask[c] = (float) rng.nextDouble();
            boost[c] = 2 * mask[c] * (1 - mask[c]) * 3;
        }
        ByteBuffer whole = bytes(g);
        ByteBuffer split = bytes(g);
        ChannelForm.chainRule(whole, bytes(w), mask, boost, rows, 1);
        ChannelForm.chainRule(split, bytes(w), mask, boost, rows, 3);
        assertArrayEquals(floats(whole), floats(split));
        assertNotEquals(g[0], floats(whole)[0], "the chain rule changed the gradient");
    }

    /**
     * From the second update on, PDP softens channels from the latent weight's column norms on the host: the
     * same threshold, masks, gains and Ŵ, bit for bit, as from the weight's values in double.
     */
    @Test
    void softeningFromTheColumnNormsOnTheHostGivesThePlainPathsBits() {
        int rows = 40;
        int cols = 21;
        long kept = 7;
        double tau = 0.3;
        float[] w = gaussian(new SplittableRandom(5), rows * cols);
        ChannelForm form = new ChannelForm();
        SameDiff plain = graph(form, w, rows, cols);
        SameDiff host = graph(form, w, rows, cols);
        double[] values = HostArrays.toDoubles(form.latent(plain, "w"));
        double t2 = PdpThresholds.channels(Channels.squaredNorms(values, cols), kept);
        form.soften(plain, "w", values, new double[] {t2}, tau);

        assertEquals(t2, form.softenChannels(host, "w", kept, tau));
        for (String name : new String[] {"w", "w" + ChannelForm.MASK, "w" + ChannelForm.BOOST}) {
            assertArrayEquals(HostArrays.toFloats(plain.getArrForVarName(name)),
                    HostArrays.toFloats(host.getArrForVarName(name)), name);
        }
        float[] masks = HostArrays.toFloats(host.getArrForVarName("w" + ChannelForm.MASK));
        assertNotEquals(masks[0], masks[1], "the channels' masks differ");
    }

    private static SameDiff graph(ChannelForm form, float[] w, int rows, int cols) {
        SameDiff sd = SameDiff.create();
        INDArray weight = Nd4j.create(w, new long[] {rows, cols}, 'c');
        form.build(sd, sd.var("w", weight.castTo(DataType.FLOAT)));
        form.begin(sd, "w");
        return sd;
    }

    static float[] gaussian(SplittableRandom rng, int n) {
        return MaskLlmKernelTest.gaussian(rng, n, 1);
    }

    static ByteBuffer bytes(float[] values) {
        return MaskLlmKernelTest.direct(values);
    }

    static float[] floats(ByteBuffer buffer) {
        float[] out = new float[buffer.capacity() / Float.BYTES];
        buffer.asFloatBuffer().get(0, out);
        return out;
    }
}
