package org.prune4j.trainer.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Warm-up rounds until HotSpot's JIT has (nearly) stopped compiling. The compilers run on their own
 * threads, on the cores that the arms' host work (mask passes, Adam, MaskLLM's noise) shares with them:
 * in the first half minute of a bench JVM the C2 thread took about half of the second core (per-thread CPU
 * time from /proc), and the host workers then started their share of a pass late or not at all. A round
 * counts as quiet when the compilers' time grew by at most {@link #QUIET_SHARE} of its wall time.
 */
final class JitWarmup {

    /** The JIT's time over a round's wall time below which the round is quiet. */
    static final double QUIET_SHARE = 0.05;

    /** What the warm-up took: rounds, seconds, and the JIT's share of its last round (NaN where unmeasured). */
    record Result(int rounds, double seconds, double lastShare) {
    }

    private JitWarmup() {
    }

    /** Runs {@code round} at least once, then again until a round is quiet or {@code maxSeconds} have passed. */
    static Result run(Runnable round, double maxSeconds) {
        return run(round, maxSeconds, compileMillis());
    }

    /**
     * As {@link #run(Runnable, double)}, with the JIT's accumulated milliseconds from {@code jitMillis}; null:
     * not measured, one round.
     */
    static Result run(Runnable round, double maxSeconds, LongSupplier jitMillis) {
        long start = System.nanoTime();
        int rounds = 0;
        double share;
        do {
            long jitBefore = jitMillis == null ? 0 : jitMillis.getAsLong();
            long roundStart = System.nanoTime();
            round.run();
            rounds++;
            double wallMillis = Math.max(1e-3, (System.nanoTime() - roundStart) / 1e6);
            share = jitMillis == null ? Double.NaN : (jitMillis.getAsLong() - jitBefore) / wallMillis;
        } while (share > QUIET_SHARE && (System.nanoTime() - start) / 1e9 < maxSeconds);
        return new Result(rounds, (System.nanoTime() - start) / 1e9, share);
    }

    /** The JIT compilers' accumulated ms, summed over their threads; null where the JVM does not measure it. */
    static LongSupplier compileMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit::getTotalCompilationTime : null;
    }
}
