package org.prune4j.trainer.train;

/**
 * A checkpoint that does not fit the run resuming from it: arrays missing or extra, of another shape or
 * data type, or a data position that this data does not reach at the same step. Bad input, not a bug:
 * the message says what differs.
 */
public final class StateMismatchException extends IllegalArgumentException {

    public StateMismatchException(String message) {
        super(message);
    }
}
