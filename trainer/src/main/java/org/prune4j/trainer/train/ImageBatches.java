package org.prune4j.trainer.train;

import java.util.SplittableRandom;
import org.nd4j.linalg.dataset.DataSet;
import org.prune4j.masks.HostArrays;
import org.prune4j.trainer.data.ImageData;

/**
 * Shuffled mini-batches of images scaled to [0, 1] with one-hot labels. Epoch e visits the examples
 * in a permutation seeded by (seed, e); the last partial batch of an epoch is dropped so every step
 * has the same shape.
 */
public final class ImageBatches implements BatchSource {

    private static final long PERMUTATION_STREAM = 1;

    private final ImageData data;
    private final int batchSize;
    private final long seed;
    private final int classes;
    private final int batchesPerEpoch;
    private long cachedEpoch = -1;
    private int[] cachedOrder;

    public ImageBatches(ImageData data, int batchSize, long seed, int classes) {
        if (batchSize > data.count()) {
            throw new IllegalArgumentException("batchSize must be <= the number of examples " + data.count()
                    + ", got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.classes = classes;
        this.batchesPerEpoch = data.count() / batchSize;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public DataCursor cursor(long step) {
        return new DataCursor(step / batchesPerEpoch, step % batchesPerEpoch * batchSize);
    }

    @Override
    public DataSet batch(long step) {
        long epoch = step / batchesPerEpoch;
        int first = (int) (step % batchesPerEpoch) * batchSize;
        int[] order = order(epoch);
        int[] indices = new int[batchSize];
        System.arraycopy(order, first, indices, 0, batchSize);
        return examples(data, indices, classes);
    }

    /** The examples at {@code indices}, in that order. */
    static DataSet examples(ImageData data, int[] indices, int classes) {
        int pixels = data.rows() * data.cols();
        float[] x = new float[indices.length * pixels];
        float[] y = new float[indices.length * classes];
        byte[] source = data.pixels();
        for (int i = 0; i < indices.length; i++) {
            int offset = indices[i] * pixels;
            for (int p = 0; p < pixels; p++) {
                x[i * pixels + p] = (source[offset + p] & 0xff) / 255f;
            }
            y[i * classes + (data.labels()[indices[i]] & 0xff)] = 1f;
        }
        return new DataSet(HostArrays.create(x, indices.length, pixels), HostArrays.create(y, indices.length, classes));
    }

    private int[] order(long epoch) {
        if (epoch != cachedEpoch) {
            SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, PERMUTATION_STREAM, epoch));
            int[] order = new int[data.count()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int i = order.length - 1; i > 0; i--) { // Fisher-Yates
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            cachedOrder = order;
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }
}
