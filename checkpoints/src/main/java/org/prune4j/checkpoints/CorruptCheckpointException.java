package org.prune4j.checkpoints;

import java.io.IOException;

/**
 * A checkpoint that is incomplete or damaged: no COMMIT marker, a file missing or truncated, a size or
 * SHA-256 that does not match its manifest. Such a checkpoint is never loaded; {@link
 * CheckpointStore#latest()} skips it with a warning that names it.
 */
public final class CorruptCheckpointException extends IOException {

    public CorruptCheckpointException(String message) {
        super(message);
    }
}
