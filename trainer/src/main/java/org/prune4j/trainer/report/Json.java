package org.prune4j.trainer.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The JSON mapper every run file is written and read with. */
public final class Json {

    /** Compact (one line per record): for metrics.jsonl. */
    public static final ObjectMapper LINES = new ObjectMapper();

    /** Indented: for files people open, such as summary.json. */
    public static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }
}
