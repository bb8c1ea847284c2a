package org.prune4j.trainer.train;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Byte windows for next-byte prediction: each example is {@code context} bytes of input and the same
 * window shifted by one as labels. Training windows start at offsets drawn from (seed, step);
 * {@link #evaluationWindows} gives fixed, evenly spaced windows for validation.
 */
public final class TextBatches implements BatchSource {

    /** The data type of the byte-id placeholders of the language model. */
    public static final DataType IDS = DataType.INT32;

    private static final long OFFSET_STREAM = 2;

    private final byte[] text;
    private final int batchSize;
    private final int context;
    private final long seed;

    public TextBatches(byte[] text, int batchSize, int context, long seed) {
        if (text.length < context + 1) {
            throw new IllegalArgumentException("text must hold at least context + 1 = " + (context + 1)
                    + " bytes, got " + text.length);
        }
        this.text = text;
        this.batchSize = batchSize;
        this.context = context;
        this.seed = seed;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    /** Windows are drawn afresh every step: one endless epoch, {@code step * batchSize} windows in. */
    @Override
    public DataCursor cursor(long step) {
        return new DataCursor(0, step * batchSize);
    }

    @Override
    public DataSet batch(long step) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, OFFSET_STREAM, step));
        int[] starts = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            starts[i] = rng.nextInt(text.length - context);
        }
        return windows(text, starts, context);
    }

    /**
     * Up to {@code max} non-overlapping windows spread evenly over the whole text, so validation
     * covers all of it at a bounded cost.
     */
    public static int[] evaluationWindows(int textLength, int context, int max) {
        int available = (textLength - 1) / context;
        int count = Math.min(available, max);
        int[] starts = new int[count];
        double stride = (double) available / count;
        for (int i = 0; i < count; i++) {
            starts[i] = (int) (i * stride) * context;
        }
        return starts;
    }

    /** Inputs {@code text[s .. s+context)} and labels {@code text[s+1 .. s+context]} for each start s. */
    static DataSet windows(byte[] text, int[] starts, int context) {
        int[] x = new int[starts.length * context];
        int[] y = new int[starts.length * context];
        for (int i = 0; i < starts.length; i++) {
            for (int t = 0; t < context; t++) {
                x[i * context + t] = text[starts[i] + t] & 0xff;
                y[i * context + t] = text[starts[i] + t + 1] & 0xff;
            }
        }
        INDArray features = Nd4j.createFromArray(x).reshape(starts.length, context).castTo(IDS);
        INDArray labels = Nd4j.createFromArray(y).reshape(starts.length, context).castTo(IDS);
        return new DataSet(features, labels);
    }
}
