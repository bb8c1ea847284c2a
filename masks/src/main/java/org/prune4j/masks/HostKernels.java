package org.prune4j.masks;

import java.util.function.Supplier;

/**
 * Picks between the two forms of a host kernel: the Vector API one where the JVM has the incubating
 * module ({@code --add-modules jdk.incubator.vector}, which the launcher and the build pass), else the
 * scalar one. Both forms must give the same bits, so the choice changes speed only.
 */
public final class HostKernels {

    private HostKernels() {
    }

    /** Whether this JVM has the Vector API module. */
    public static boolean vectorApi() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * The vector form where the JVM has the module, else the scalar form. The vector form's supplier must
     * be a lambda, not a constructor reference (which resolves its class where it is written): then it is
     * the only code that names the class, and without the module the class is never loaded.
     */
    public static <T> T fastest(Supplier<T> vectorForm, Supplier<T> scalarForm) {
        return vectorApi() ? vectorForm.get() : scalarForm.get();
    }
}
