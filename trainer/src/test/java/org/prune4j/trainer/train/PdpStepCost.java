package org.prune4j.trainer.train;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.prune4j.trainer.model.Mlp;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.recipe.GmpScheduleSpec;
import org.prune4j.trainer.recipe.GraphChecks;
import org.prune4j.trainer.recipe.PdpSpec;
import org.prune4j.trainer.recipe.PruningSpec;
import org.prune4j.trainer.recipe.TrainSpec;

/**
 * Side-by-side step cost of PDP's soft phase against dense training of the same LeNet-300-100 and
 * batch, through the real {@link TrainingLoop}: rounds of dense and PDP steps alternate in one JVM,
 * so load from other processes falls on both alike, and the medians are compared
 * (docs/experiments/E1.md, "Step cost"). Both wall time and the process's CPU time are reported: on
 * a shared machine the CPU time is the steadier measure. Not a unit test: run it by hand,
 * {@code java -cp ... org.prune4j.trainer.train.PdpStepCost [batch] [stepsPerRound] [rounds]}.
 */
final class PdpStepCost {

    private PdpStepCost() {
    }

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        Nd4j.getRandom().setSeed(1);
        DataSet data = new DataSet(Nd4j.rand(DataType.FLOAT, batch, 784),
                Nd4j.eye(10).getRows(new int[batch]).castTo(DataType.FLOAT));
        BatchSource batches = new BatchSource() {
            @Override
            public DataSet batch(long step) {
                return data;
            }

            @Override
            public DataCursor cursor(long step) {
                return new DataCursor(0, step);
            }

            @Override
            public int batchSize() {
                return batch;
            }
        };
        TrainSpec train = new TrainSpec(steps, batch, "adam", 1e-3, null, null, null, null, steps, steps, null, null, null, null, null);
        PruningSpec pdp = new PruningSpec("pdp", 0.97, "global", null, "fc.*/W", null,
                new GmpScheduleSpec(0, steps, 1, 0.0, 1.0), null, new PdpSpec(null, null, null, null), null);
        PruningSetup setup = PruningSetup.of(pdp, 1);
        ModelGraph dense = Mlp.build(1, 784, List.of(300, 100), 10);
        ModelGraph soft = Mlp.build(1, 784, List.of(300, 100), 10, setup.masking());
        List<double[]> dense1 = new ArrayList<>();
        List<double[]> pdp1 = new ArrayList<>();
        for (int r = -1; r < rounds; r++) { // round -1 warms up the JIT and builds both gradient graphs
            double[] d = msPerStep(dense, train, batches, Pruner.NONE);
            // never hardens: the soft phase is what is measured
            double[] p = msPerStep(soft, train, batches, setup.pruner(GraphChecks.selectedWeights(pdp, soft),
                    Long.MAX_VALUE, 1e-3, null));
            if (r >= 0) {
                dense1.add(d);
                pdp1.add(p);
            }
            System.out.printf(Locale.ROOT, "round %d: dense %.2f ms/step (cpu %.2f), pdp %.2f ms/step (cpu %.2f)%n",
                    r, d[0], d[1], p[0], p[1]);
        }
        for (int k = 0; k < 2; k++) {
            double dm = median(dense1, k);
            double pm = median(pdp1, k);
            System.out.printf(Locale.ROOT, "batch %d, median of %d rounds of %d steps, %s: dense %.2f ms, pdp %.2f ms, "
                    + "ratio %.3f%n", batch, rounds, steps, k == 0 ? "wall" : "cpu", dm, pm, pm / dm);
        }
    }

    /** Wall and process CPU milliseconds per step of one run. */
    private static double[] msPerStep(ModelGraph model, TrainSpec train, BatchSource batches, Pruner pruner) {
        Evaluator none = new Evaluator() {
            @Override
            public String metric() {
                return "none";
            }

            @Override
            public double evaluate(ModelGraph m) {
                return 0;
            }
        };
        TrainingListener quiet = new TrainingListener() {
            @Override
            public void onMetrics(StepMetrics metrics) {
            }

            @Override
            public void onEvaluation(long step, String metric, double value) {
            }
        };
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        TrainingLoop.Result result = TrainingLoop.run(new Training(model, train, batches, none, pruner), quiet,
                Checkpointer.NONE);
        double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6;
        return new double[] {result.wallSeconds() * 1000 / train.steps(), cpuMs / train.steps()};
    }

    private static double median(List<double[]> rounds, int k) {
        double[] v = rounds.stream().mapToDouble(r -> r[k]).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }
}
