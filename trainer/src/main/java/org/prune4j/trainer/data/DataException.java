package org.prune4j.trainer.data;

/**
 * A data set could not be fetched, verified or read. Unchecked because the caller (the CLI) can only
 * report it; the message is written to be shown to the user as is: it names the file, the rule that
 * was broken and the value found, and where there is one, the command that fixes it.
 */
public class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
