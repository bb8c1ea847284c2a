package org.prune4j.trainer.train;

import org.prune4j.trainer.model.ModelGraph;

/** Scores the current model on held-out data. */
public interface Evaluator {

    /** The summary.json key of the metric: {@code test_accuracy} or {@code val_perplexity}. */
    String metric();

    double evaluate(ModelGraph model);
}
