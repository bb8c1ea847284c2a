package org.prune4j.trainer.train;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.dataset.DataSet;
import org.prune4j.trainer.model.ModelGraph;

/**
 * Byte-level perplexity {@code exp(mean cross-entropy)} on fixed validation windows spread over the
 * whole validation text (at most {@value #MAX_WINDOWS} windows, so an evaluation costs the same on
 * every corpus).
 */
public final class PerplexityEvaluator implements Evaluator {

    static final int MAX_WINDOWS = 512;
    private static final int CHUNK = 64;

    private final byte[] validation;
    private final int context;
    private final int[] starts;

    public PerplexityEvaluator(byte[] validation, int context) {
        this.validation = validation;
        this.context = context;
        this.starts = TextBatches.evaluationWindows(validation.length, context, MAX_WINDOWS);
        if (starts.length == 0) {
            throw new IllegalArgumentException("validation text must hold at least context + 1 = " + (context + 1)
                    + " bytes, got " + validation.length);
        }
    }

    @Override
    public String metric() {
        return "val_perplexity";
    }

    @Override
    public double evaluate(ModelGraph model) {
        double weightedLoss = 0;
        for (int from = 0; from < starts.length; from += CHUNK) {
            int[] chunk = Arrays.copyOfRange(starts, from, Math.min(starts.length, from + CHUNK));
            DataSet ds = TextBatches.windows(validation, chunk, context);
            double loss = model.graph().output(Map.of(model.input(), ds.getFeatures(), model.label(), ds.getLabels()),
                    model.loss()).get(model.loss()).getDouble(0);
            weightedLoss += loss * chunk.length;
        }
        return Math.exp(weightedLoss / starts.length);
    }
}
