package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The channel chain rule over ranges of columns gives the bits of one pass over all of them. */
class ChannelFormTest {

    @Test
    void theChainRuleDoesNotDependOnHowTheColumnsAreSplit() {
        int rows = 70;
        int cols = 37;
        SplittableRandom rng = new SplittableRandom(11);
        float[] g = new float[rows * cols];
        float[] w = new float[rows * cols];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) rng.nextGaussian();
            w[i] = (float) rng.nextGaussian();
        }
        float[] mask = new float[cols];
        float[] boost = new float[cols];
        for (int c = 0; c < cols; c++) {
            mask[c] = (float) rng.nextDouble();
            boost[c] = 2 * mask[c] * (1 - mask[c]) * 3;
        }
        float[] whole = g.clone();
        float[] split = g.clone();
        ChannelForm.chainRule(FloatBuffer.wrap(whole), FloatBuffer.wrap(w), mask, boost, rows, 1);
        ChannelForm.chainRule(FloatBuffer.wrap(split), FloatBuffer.wrap(w), mask, boost, rows, 3);
        assertArrayEquals(whole, split);
        assertNotEquals(g[0], whole[0], "the chain rule changed the gradient");
    }
}
