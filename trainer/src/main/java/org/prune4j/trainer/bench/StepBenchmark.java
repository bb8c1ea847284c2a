package org.prune4j.trainer.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Times the arms of one model side by side: every round runs a block of steps of each arm in turn
 * (and of PyTorch, when present), so slow phases of a noisy machine hit all arms alike. The per-step
 * medians over all rounds are compared as ratios.
 */
final class StepBenchmark {

    /** The measurements of one arm: every timed step, and the median of each round, in round order. */
    record ArmResult(String arm, Stats steps, double[] roundMedians) {

        /** The lowest, median and highest of the round medians. */
        Stats rounds() {
            return Stats.of(roundMedians);
        }

        /** This arm's round medians over {@code base}'s of the same rounds: the ratio of each round's blocks. */
        Stats roundRatios(ArmResult base) {
            double[] ratios = new double[roundMedians.length];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = roundMedians[i] / base.roundMedians[i];
            }
            return Stats.of(ratios);
        }
    }

    /**
     * One model's measurements: its arms, the warm-up before them, and the JIT compilers' time over the timed
     * rounds' wall time (NaN where the JVM does not measure it).
     */
    record ModelRun(List<ArmResult> arms, JitWarmup.Result warmup, double timedJitShare) {
    }

    /** The target duration of one block of the first arm. */
    private static final double BLOCK_MS = 1500;

    private StepBenchmark() {
    }

    /**
     * {@link Benchmarks.Plan#warmup} steps of each arm, then warm-up rounds of a block of each arm until the JIT
     * is quiet ({@link JitWarmup}, at most {@link Benchmarks.Plan#warmupSeconds}), then the rounds of
     * {@code plan} (see {@link Benchmarks.Plan}) over {@code arms} and PyTorch, when present.
     */
    static ModelRun run(BenchModel model, Map<String, StepArm> arms, Optional<PyTorchBaseline> pytorch,
                        Benchmarks.Plan plan, Consumer<String> log) {
        Map<String, List<Double>> steps = new LinkedHashMap<>();
        Map<String, List<Double>> medians = new LinkedHashMap<>();
        double firstArmMs = Stats.of(arms.values().iterator().next().time(3)).median();
        int block = blockSteps(firstArmMs, plan.stepsPerRound());
        int warm = blockSteps(firstArmMs, plan.warmup());
        for (StepArm arm : arms.values()) {
            arm.time(warm);
        }
        JitWarmup.Result warmup = JitWarmup.run(() -> {
            System.gc(); // the blocks' garbage holds native memory, as below
            arms.values().forEach(arm -> arm.time(block));
        }, plan.warmupSeconds());
        log.accept(String.format("%s: warm-up %d round(s), %.0f s, JIT %.0f%% of the last", model.name(),
                warmup.rounds(), warmup.seconds(), 100 * warmup.lastShare()));
        LongSupplier jit = JitWarmup.compileMillis();
        long jitBefore = jit == null ? 0 : jit.getAsLong();
        long start = System.nanoTime();
        for (int r = 0; r < plan.maxRounds()
                && (r < plan.rounds() || (System.nanoTime() - start) / 1e9 < plan.roundSeconds()); r++) {
            for (Map.Entry<String, StepArm> e : arms.entrySet()) {
                // ND4J frees an array's memory when the GC collects it: start every block from a collected
                // heap, so no arm pays for the garbage of the one before it
                System.gc();
                record(steps, medians, e.getKey(), e.getValue().time(block));
            }
            if (pytorch.isPresent()) {
                // MaskLLM in PyTorch takes 3-5x its dense step: a quarter of the steps keeps its blocks about as short
                pytorch.get().time(model, block, warm, Math.max(3, block / 4), Math.max(2, warm / 4))
                        .forEach((arm, ms) -> record(steps, medians, arm, ms));
            }
            log.accept(String.format("%s: round %d (of %d-%d) done, %.0f s", model.name(), r + 1, plan.rounds(),
                    plan.maxRounds(), (System.nanoTime() - start) / 1e9));
        }
        double timedMillis = (System.nanoTime() - start) / 1e6;
        double timedJitShare = jit == null ? Double.NaN : (jit.getAsLong() - jitBefore) / timedMillis;
        List<ArmResult> out = new ArrayList<>();
        for (String arm : steps.keySet()) {
            out.add(new ArmResult(arm, Stats.of(unbox(steps.get(arm))), unbox(medians.get(arm))));
        }
        return new ModelRun(out, warmup, timedJitShare);
    }

    /**
     * Steps per block: {@code most}, or fewer for slow models, so a block of the first arm (dense) takes
     * about {@link #BLOCK_MS}: the whole harness then fits its time budget. Never fewer than 3.
     */
    private static int blockSteps(double firstArmMs, int most) {
        return (int) Math.max(3, Math.min(most, Math.ceil(BLOCK_MS / firstArmMs)));
    }

    private static void record(Map<String, List<Double>> steps, Map<String, List<Double>> medians, String arm,
                               double[] ms) {
        List<Double> all = steps.computeIfAbsent(arm, k -> new ArrayList<>());
        for (double v : ms) {
            all.add(v);
        }
        medians.computeIfAbsent(arm, k -> new ArrayList<>()).add(Stats.of(ms).median());
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
