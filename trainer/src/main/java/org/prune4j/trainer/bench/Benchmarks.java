package org.prune4j.trainer.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.prune4j.trainer.model.CharTransformer;
import org.prune4j.trainer.recipe.GmpScheduleSpec;
import org.prune4j.trainer.recipe.MaskLlmSpec;
import org.prune4j.trainer.recipe.NmSpec;
import org.prune4j.trainer.recipe.PdpSpec;
import org.prune4j.trainer.recipe.PruningSpec;

/** Runs the machine-limit and training-step benchmarks. */
public final class Benchmarks {

    /**
     * How much to measure: rounds of interleaved blocks per model (at least {@code rounds}, then more up to
     * {@code maxRounds} while the model's rounds so far took under {@code roundSeconds}: a fast model's
     * rounds are cheap, and more of them narrow its ratios on a noisy machine), steps per block, warm-up
     * steps per arm, the longest warm-up until the JIT is quiet ({@link JitWarmup}), and the sgemm products.
     */
    public record Plan(int rounds, int maxRounds, double roundSeconds, int stepsPerRound, int warmup,
                       double warmupSeconds, int sgemmSize, int sgemmReps) {

        public Plan {
            if (rounds < 1 || maxRounds < rounds) {
                throw new IllegalArgumentException("need 1 <= rounds <= maxRounds, got " + rounds + " and " + maxRounds);
            }
        }

        public static Plan standard() {
            return new Plan(5, 15, 40, 20, 10, 45, 2048, 10);
        }

        /** A smoke-sized plan for checking the harness itself. */
        public static Plan quick() {
            return new Plan(2, 2, 0, 3, 2, 0, 512, 3);
        }
    }

    /** Everything measured, for the report. */
    public record Results(Machine machine, Stats sgemmGflops, Plan plan, String pytorch,
                          Map<BenchModel, StepBenchmark.ModelRun> steps) {
    }

    /** The sparsity every masked arm is timed at. */
    static final double MASKED_SPARSITY = 0.9;

    /** The end of MaskLLM's learning phase in its arms, which are timed halfway. */
    private static final int MASKLLM_END = 1_000_000;

    private Benchmarks() {
    }

    /** The models of the report, as issue #3 lists them. */
    public static List<BenchModel> models() {
        return List.of(
                BenchModel.mlp("LeNet-300-100", 256, 784, 300, 100, 10),
                BenchModel.mlp("MLP 784-512-512-10", 256, 784, 512, 512, 10),
                BenchModel.mlp("MLP 784-2048-2048-10", 512, 784, 2048, 2048, 10),
                BenchModel.charTransformer("char transformer (2x128, ctx 64)", 32, CharTransformer.Config.small()));
    }

    public static Results run(Plan plan, List<BenchModel> models, boolean withPytorch, Consumer<String> log) {
        Machine machine = Machine.describe();
        log.accept("machine: " + machine.line());
        log.accept("sgemm " + plan.sgemmSize() + "^3 ...");
        Stats sgemm = Stats.of(Sgemm.gflops(plan.sgemmSize(), plan.sgemmReps()));
        int threads = parseThreads(machine.threads());
        String[] why = {"not requested (--no-pytorch)"};
        Optional<PyTorchBaseline> pytorch = withPytorch ? PyTorchBaseline.detect(threads, why) : Optional.empty();
        log.accept(pytorch.map(p -> "PyTorch " + p.version()).orElse("PyTorch: " + why[0]));
        Map<BenchModel, StepBenchmark.ModelRun> steps = new LinkedHashMap<>();
        for (BenchModel model : models) {
            steps.put(model, StepBenchmark.run(model, arms(model), pytorch, plan, log));
        }
        return new Results(machine, sgemm, plan,
                pytorch.map(p -> "PyTorch " + p.version() + " (Debian python3-torch, BLAS " + p.blas() + "), " + threads
                                + " thread(s) (torch.set_num_threads and OMP/OPENBLAS/MKL_NUM_THREADS)")
                        .orElse(why[0]), steps);
    }

    /**
     * Dense, and every mask method: GMP and PDP unstructured at {@link #MASKED_SPARSITY} (PDP in its soft
     * phase, where it costs most), PDP 2:4 and on output channels (at that sparsity) too, MaskLLM 2:4 in
     * its learning phase, mask-only (weights frozen, its default) and joint.
     */
    private static Map<String, StepArm> arms(BenchModel model) {
        Map<String, StepArm> arms = new LinkedHashMap<>();
        arms.put("dense", StepArm.prune4j(model, PruningSpec.dense(), 0));
        arms.put("samediff-fit", StepArm.sameDiffFit(model));
        arms.put("gmp", StepArm.prune4j(model, pruning("gmp", MASKED_SPARSITY, null, null, null), 1));
        arms.put("pdp", StepArm.prune4j(model, pruning("pdp", MASKED_SPARSITY, null, null,
                new PdpSpec(null, null, null, null)), 1));
        arms.put("pdp-2:4", StepArm.prune4j(model, pruning("pdp", null, new NmSpec(2, 4), null,
                new PdpSpec("nm", null, null, null)), 1));
        arms.put("pdp-channel", StepArm.prune4j(model, pruning("pdp", MASKED_SPARSITY, null, null,
                new PdpSpec("channel", null, null, null)), 1));
        for (boolean frozen : new boolean[] {true, false}) {
            MaskLlmSpec maskllm = new MaskLlmSpec(null, null, null, null, null, null, null, null, null, null, frozen,
                    null);
            arms.put(frozen ? "maskllm-mask-only" : "maskllm-joint", StepArm.prune4j(model,
                    pruning("maskllm", null, new NmSpec(2, 4), maskllm, null), MASKLLM_END / 2));
        }
        return arms;
    }

    /** Every prunable weight, a ramp from step 0 to 1 (MaskLLM: learning to {@link #MASKLLM_END}). */
    private static PruningSpec pruning(String method, Double target, NmSpec nm, MaskLlmSpec maskllm, PdpSpec pdp) {
        GmpScheduleSpec schedule = maskllm != null ? new GmpScheduleSpec(0, MASKLLM_END, 1, 0.0, 1.0)
                : new GmpScheduleSpec(0, 1, 1, 0.0, 3.0);
        return new PruningSpec(method, target, "layer", null, ".*", null, schedule, nm, pdp, maskllm);
    }

    private static int parseThreads(String omp) {
        try {
            return Integer.parseInt(omp);
        } catch (NumberFormatException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }
}
