package org.prune4j.trainer.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.prune4j.trainer.data.ImageData;
import org.prune4j.trainer.model.ModelGraph;

/** Top-1 accuracy over the whole test split, in chunks to bound memory. */
public final class AccuracyEvaluator implements Evaluator {

    private static final int CHUNK = 1000;

    private final ImageData test;
    private final int classes;

    public AccuracyEvaluator(ImageData test, int classes) {
        this.test = test;
        this.classes = classes;
    }

    @Override
    public String metric() {
        return "test_accuracy";
    }

    @Override
    public double evaluate(ModelGraph model) {
        long correct = 0;
        for (int start = 0; start < test.count(); start += CHUNK) {
            int n = Math.min(CHUNK, test.count() - start);
            int[] indices = new int[n];
            for (int i = 0; i < n; i++) {
                indices[i] = start + i;
            }
            DataSet chunk = ImageBatches.examples(test, indices, classes);
            INDArray logits = model.graph().output(Map.of(model.input(), chunk.getFeatures()), model.logits())
                    .get(model.logits());
            INDArray predicted = logits.argMax(1);
            INDArray actual = chunk.getLabels().argMax(1);
            correct += predicted.eq(actual).castTo(org.nd4j.linalg.api.buffer.DataType.INT64).sumNumber().longValue();
        }
        return (double) correct / test.count();
    }
}
