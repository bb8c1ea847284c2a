package org.prune4j.cli;

import org.prune4j.trainer.data.DataException;
import org.prune4j.trainer.data.Dataset;

/** Small helpers the commands share. */
final class Cli {

    private Cli() {
    }

    /** A dataset by its id, as bad input (exit 2) when unknown. */
    static Dataset dataset(String id) {
        try {
            return Dataset.byId(id);
        } catch (IllegalArgumentException e) {
            throw new DataException(e.getMessage());
        }
    }
}
