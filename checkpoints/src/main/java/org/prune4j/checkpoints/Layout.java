package org.prune4j.checkpoints;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names inside a checkpoint store. A store is a directory of checkpoints {@code step-000001234/}, each
 * holding {@code manifest.json}, {@code recipe.yaml}, {@code arrays/NNNN.npy} and, written last,
 * {@code COMMIT} (the SHA-256 of manifest.json). A checkpoint is written under
 * {@code step-000001234.tmp-<random>/} and renamed into place once complete.
 */
final class Layout {

    static final String MANIFEST = "manifest.json";
    static final String COMMIT = "COMMIT";
    static final String RECIPE = "recipe.yaml";

    private static final Pattern STEP_DIR = Pattern.compile("step-(\\d{9,18})");
    private static final String TEMP_INFIX = ".tmp-";

    private Layout() {
    }

    /** {@code step-000001234}: nine digits, so names sort by step up to a billion steps. */
    static String stepDirectory(long step) {
        return String.format(Locale.ROOT, "step-%09d", step);
    }

    /** The step a checkpoint directory name stands for; empty for any other name (temporary ones included). */
    static OptionalLong stepOf(String name) {
        Matcher m = STEP_DIR.matcher(name);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    static String temporaryDirectory(long step, String nonce) {
        return stepDirectory(step) + TEMP_INFIX + nonce;
    }

    static boolean isTemporary(String name) {
        int at = name.indexOf(TEMP_INFIX);
        return at > 0 && stepOf(name.substring(0, at)).isPresent();
    }

    /** The file of the {@code index}-th array (in name order): numbers, since array names may hold any character. */
    static String arrayFile(int index) {
        return String.format(Locale.ROOT, "arrays/%04d.npy", index);
    }
}
