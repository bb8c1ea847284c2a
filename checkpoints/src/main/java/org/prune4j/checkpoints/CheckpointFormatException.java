package org.prune4j.checkpoints;

import java.io.IOException;

/**
 * An intact checkpoint in a layout this code does not read (another {@code format_version}). Unlike a
 * corrupt checkpoint it is not skipped: falling back to an older checkpoint would silently throw away
 * training, so the caller is told which version it found and which it reads.
 */
public final class CheckpointFormatException extends IOException {

    public CheckpointFormatException(String message) {
        super(message);
    }
}
