package org.prune4j.trainer.model;

/** What a model predicts, which decides its data and its validation metric. */
public enum Task {
    /** Images to one of ten classes; metric {@code test_accuracy}. */
    CLASSIFICATION,
    /** Next byte of a text; metric {@code val_perplexity}. */
    LANGUAGE_MODEL
}
