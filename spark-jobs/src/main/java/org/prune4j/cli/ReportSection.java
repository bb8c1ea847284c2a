package org.prune4j.cli;

/**
 * A section of docs/BENCHMARKS.md that one command regenerates between its own markers, so the other
 * benchmarks the file holds stay as they are.
 */
record ReportSection(String begin, String end) {

    /** {@code existing} with this section's content replaced by {@code body}, or the section added at the end. */
    String replaceIn(String existing, String body) {
        String block = begin + "\n" + body + end + "\n";
        int from = existing.indexOf(begin);
        int to = existing.indexOf(end);
        if (from >= 0 && to > from) {
            return existing.substring(0, from) + block + existing.substring(to + end.length()).replaceFirst("^\n", "");
        }
        String head = existing.isBlank() ? "# Benchmarks\n\n" : existing.stripTrailing() + "\n\n";
        return head + block;
    }
}
