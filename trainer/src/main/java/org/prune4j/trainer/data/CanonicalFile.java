package org.prune4j.trainer.data;

import java.util.regex.Pattern;

/**
 * One file a data set must consist of once installed: its name in the data set's folder, its exact
 * size and its SHA-256. The size is checked first because it is free and catches truncation.
 */
record CanonicalFile(String name, long size, String sha256) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    CanonicalFile {
        if (name == null || name.isEmpty() || name.contains("/") || name.startsWith(".")) {
            throw new IllegalArgumentException("name must be a plain, non-hidden file name, got '" + name + "'");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size of " + name + " must be >= 0, got " + size);
        }
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 of " + name + " must be 64 lower-case hex digits, got '"
                    + sha256 + "'");
        }
    }
}
