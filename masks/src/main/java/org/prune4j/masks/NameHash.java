package org.prune4j.masks;

import java.nio.charset.StandardCharsets;

/**
 * A stable 64-bit hash of a variable name, for random streams seeded per weight (initial values,
 * logits, Gumbel noise): String.hashCode is only 32 bits and not meant to be stable.
 */
public final class NameHash {

    private NameHash() {
    }

    /** FNV-1a over the UTF-8 bytes of {@code name}. */
    public static long fnv1a64(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
