package org.prune4j.trainer.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.prune4j.trainer.model.CharTransformer;
import org.prune4j.trainer.recipe.GmpScheduleSpec;
import org.prune4j.trainer.recipe.PruningSpec;

/** Runs the machine-limit and training-step benchmarks. */
public final class Benchmarks {

    /** How much to measure: rounds of interleaved blocks, steps per block, warm-up steps per arm. */
    public record Plan(int rounds, int stepsPerRound, int warmup, int sgemmSize, int sgemmReps) {

        public static Plan standard() {
            return new Plan(5, 20, 10, 2048, 10);
        }

        /** A smoke-sized plan for checking the harness itself. */
        public static Plan quick() {
            return new Plan(2, 3, 2, 512, 3);
        }
    }

    /** Everything measured, for the report. */
    public record Results(Machine machine, Stats sgemmGflops, int sgemmSize, String pytorch,
                          Map<BenchModel, List<StepBenchmark.ArmResult>> steps) {
    }

    /** The sparsity every masked arm is timed at. */
    static final double MASKED_SPARSITY = 0.9;

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
        Map<BenchModel, List<StepBenchmark.ArmResult>> steps = new LinkedHashMap<>();
        for (BenchModel model : models) {
            steps.put(model, StepBenchmark.run(model, arms(model), pytorch, plan.rounds(), plan.stepsPerRound(),
                    plan.warmup(), log));
        }
        return new Results(machine, sgemm, plan.sgemmSize(),
                pytorch.map(p -> "PyTorch " + p.version() + " (Debian python3-torch, BLAS " + p.blas() + "), " + threads
                                + " thread(s) (torch.set_num_threads and OMP/OPENBLAS/MKL_NUM_THREADS)")
                        .orElse(why[0]), steps);
    }

    /** Dense, and every mask method at {@link #MASKED_SPARSITY}. */
    private static Map<String, StepArm> arms(BenchModel model) {
        Map<String, StepArm> arms = new LinkedHashMap<>();
        arms.put("dense", StepArm.prune4j(model, PruningSpec.dense(), 0));
        arms.put("samediff-fit", StepArm.sameDiffFit(model));
        PruningSpec gmp = new PruningSpec("gmp", MASKED_SPARSITY, "layer", ".*",
                new GmpScheduleSpec(0, 1, 1, 0.0, 3.0), null);
        arms.put("gmp", StepArm.prune4j(model, gmp, 1));
        return arms;
    }

    private static int parseThreads(String omp) {
        try {
            return Integer.parseInt(omp);
        } catch (NumberFormatException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }
}
