package org.prune4j.trainer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JitWarmupTest {

    /** The JIT's clock here: each round adds what the test says it compiled (a day of it while "busy"). */
    private final AtomicLong compiled = new AtomicLong();

    @Test
    void warmsUpUntilTheFirstQuietRound() {
        AtomicInteger rounds = new AtomicInteger();
        JitWarmup.Result result = JitWarmup.run(() -> compiled.addAndGet(rounds.incrementAndGet() <= 3
                ? 86_400_000 : 0), 3_600, compiled::get);
        assertEquals(4, result.rounds());
        assertEquals(4, rounds.get());
        assertEquals(0.0, result.lastShare());
    }

    @Test
    void stopsAtTheTimeLimitWhileTheJitIsBusy() {
        JitWarmup.Result result = JitWarmup.run(() -> compiled.addAndGet(86_400_000), 0, compiled::get);
        assertEquals(1, result.rounds());
        assertTrue(result.lastShare() > JitWarmup.QUIET_SHARE, "share " + result.lastShare());
    }

    @Test
    void runsOneRoundWhereTheJvmDoesNotMeasureTheJit() {
        AtomicInteger rounds = new AtomicInteger();
        JitWarmup.Result result = JitWarmup.run(rounds::incrementAndGet, 3_600, null);
        assertEquals(1, rounds.get());
        assertTrue(Double.isNaN(result.lastShare()));
    }

    /** This JVM (HotSpot) measures its compilers: the bench's figure is real here. */
    @Test
    void hotSpotMeasuresItsCompilers() {
        assertTrue(JitWarmup.compileMillis() != null);
        assertTrue(JitWarmup.compileMillis().getAsLong() >= 0);
    }
}
