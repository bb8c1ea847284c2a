package org.prune4j.trainer.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.prune4j.checkpoints.Digests;
import org.prune4j.checkpoints.Provenance;
import org.prune4j.trainer.recipe.PruningSpec;
import org.prune4j.trainer.recipe.RecipeLoader;
import org.prune4j.trainer.report.MetricsFile;
import org.prune4j.trainer.report.Report;
import org.prune4j.trainer.report.RunFiles;
import org.prune4j.trainer.report.Summary;
import org.prune4j.trainer.train.LayerSparsity;
import org.prune4j.trainer.train.MaskLlmPruner;
import org.prune4j.trainer.train.SavedVariables;
import org.prune4j.trainer.train.StepMetrics;
import org.prune4j.trainer.train.TrainingListener;
import org.prune4j.trainer.train.TrainingLoop;

/** Trains a prepared run into its directory and writes everything a person wants to look at afterwards. */
public final class Runner {

    private Runner() {
    }

    public static Summary train(PreparedRun run, Path runDir, TrainingListener display) {
        RunFiles files = new RunFiles(runDir);
        String resolved = RecipeLoader.toYaml(run.recipe());
        write(files.recipe(), resolved);
        TrainingLoop.Result result;
        try (MetricsFile metrics = new MetricsFile(files.metrics())) {
            result = TrainingLoop.run(run.model(), run.recipe().train(), run.batches(), run.evaluator(), run.pruner(),
                    both(metrics, display));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + files.metrics(), e);
        }
        Summary summary = new Summary(
                Digests.sha256(resolved.getBytes(StandardCharsets.UTF_8)),
                run.recipe().train().steps(),
                result.finalTrainLoss(),
                Map.of(run.evaluator().metric(), result.finalMetric()),
                new Summary.Sparsity(LayerSparsity.overall(result.layers()), scope(run.recipe().pruning()),
                        result.layers().stream().map(l -> new Summary.Layer(l.name(), l.size(), l.target(),
                                l.realized(), l.nmViolations())).toList()),
                result.wallSeconds(),
                result.samplesPerSecond(),
                provenance());
        Report.writeSummary(files, summary);
        Report.render(files);
        if (run.recipe().pruning().maskllm() != null) { // mask transfer: pruning.maskllm.initFrom reads this
            SavedVariables.save(run.model().graph(), MaskLlmPruner::isLogits, files.maskLogits());
        }
        Export.bake(run.model().graph());
        Export.save(run.model().graph(), files.model().toFile());
        return summary;
    }

    private static Provenance provenance() {
        BuildInfo build = BuildInfo.load();
        return Provenance.capture(build.prune4jVersion(), build.nd4jVersion() + " (" + build.nd4jClassifier() + ")");
    }

    private static String scope(PruningSpec pruning) {
        if (!pruning.prunes()) {
            return "none";
        }
        return pruning.nm() != null ? pruning.nm().n() + ":" + pruning.nm().m() : pruning.scope();
    }

    private static TrainingListener both(TrainingListener a, TrainingListener b) {
        return new TrainingListener() {
            @Override
            public void onMetrics(StepMetrics m) {
                a.onMetrics(m);
                b.onMetrics(m);
            }

            @Override
            public void onEvaluation(long step, String metric, double value) {
                a.onEvaluation(step, metric, value);
                b.onEvaluation(step, metric, value);
            }

            @Override
            public void onStep(long step, long totalSteps, double loss) {
                a.onStep(step, totalSteps, loss);
                b.onStep(step, totalSteps, loss);
            }
        };
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

}
