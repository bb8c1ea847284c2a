package org.prune4j.trainer.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.Consumer;
import org.prune4j.checkpoints.Digests;
import org.prune4j.checkpoints.Provenance;
import org.prune4j.checkpoints.TrainingState;
import org.prune4j.trainer.recipe.PruningSpec;
import org.prune4j.trainer.recipe.RecipeLoader;
import org.prune4j.trainer.report.MetricsFile;
import org.prune4j.trainer.report.Report;
import org.prune4j.trainer.report.RunFiles;
import org.prune4j.trainer.report.Summary;
import org.prune4j.trainer.train.Checkpointer;
import org.prune4j.trainer.train.LayerSparsity;
import org.prune4j.trainer.train.MaskLlmPruner;
import org.prune4j.trainer.train.ResourceUsage;
import org.prune4j.trainer.train.SavedVariables;
import org.prune4j.trainer.train.StepEngine;
import org.prune4j.trainer.train.StepMetrics;
import org.prune4j.trainer.train.TrainingListener;
import org.prune4j.trainer.train.TrainingLoop;

/**
 * Trains a prepared run into its directory and writes everything a person wants to look at afterwards.
 * With checkpoints on, the last one is written after the results: a run whose final checkpoint exists
 * is complete, and a crash before it is resumed from the checkpoint before.
 */
public final class Runner {

    private Runner() {
    }

    /**
     * A new run in {@code runDir}.
     *
     * @param warnings receives one line per checkpoint the store skips or removes
     */
    public static Summary train(PreparedRun run, Path runDir, TrainingListener display, Consumer<String> warnings) {
        return train(run, runDir, display, warnings, StepEngine.Factory.LOCAL);
    }

    /** A new run in {@code runDir}, on the engines {@code engines} makes (this JVM, or Spark). */
    public static Summary train(PreparedRun run, Path runDir, TrainingListener display, Consumer<String> warnings,
                                StepEngine.Factory engines) {
        RunFiles files = new RunFiles(runDir);
        Provenance provenance = provenance();
        Checkpointer checkpoints = RunCheckpoints.of(run.recipe(), runDir, provenance, warnings);
        writeAtomically(files.recipe(), RecipeLoader.toYaml(run.recipe()));
        TrainingLoop.Result result;
        ResourceUsage memory = new ResourceUsage();
        try (MetricsFile metrics = MetricsFile.create(files.metrics())) {
            result = TrainingLoop.run(run.training(), engines, both(both(metrics, display), sampling(memory)),
                    checkpoints);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + files.metrics(), e);
        }
        return finish(run, files, result, provenance, checkpoints, display, memory);
    }

    /**
     * Continues the run in {@code runDir} from {@code from}, under {@code run}'s recipe (which the caller
     * has checked against the checkpoint's): metrics rows after the checkpoint's step are dropped, since
     * they are written again, and summary, report and model are rewritten at the end.
     *
     * @throws org.prune4j.trainer.train.StateMismatchException when the checkpoint does not fit the run
     */
    public static Summary resume(PreparedRun run, Path runDir, TrainingState from, TrainingListener display,
                                 Consumer<String> warnings, StepEngine.Factory engines) {
        TrainingLoop.checkResumable(run.training(), from); // before anything in the run directory changes
        RunFiles files = new RunFiles(runDir);
        Provenance provenance = provenance();
        Checkpointer checkpoints = RunCheckpoints.of(run.recipe(), runDir, provenance, warnings);
        writeAtomically(files.recipe(), RecipeLoader.toYaml(run.recipe()));
        if (Files.exists(files.metrics())) {
            MetricsFile.keepUpTo(files.metrics(), from.step());
        }
        TrainingLoop.Result result;
        ResourceUsage memory = new ResourceUsage();
        try (MetricsFile metrics = Files.exists(files.metrics()) ? MetricsFile.appendTo(files.metrics())
                : MetricsFile.create(files.metrics())) {
            result = TrainingLoop.resume(run.training(), from, engines, both(both(metrics, display), sampling(memory)),
                    checkpoints);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + files.metrics(), e);
        }
        return finish(run, files, result, provenance, checkpoints, display, memory);
    }

    private static Summary finish(PreparedRun run, RunFiles files, TrainingLoop.Result result, Provenance provenance,
                                  Checkpointer checkpoints, TrainingListener display, ResourceUsage memory) {
        String resolved = RecipeLoader.toYaml(run.recipe());
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
                provenance,
                new Summary.Resources(ResourceUsage.peakResidentBytes(), memory.peakOffHeapBytes()));
        Report.writeSummary(files, summary);
        Report.render(files);
        if (run.recipe().pruning().maskllm() != null) { // mask transfer: pruning.maskllm.initFrom reads this
            SavedVariables.save(run.model().graph(), MaskLlmPruner::isLogits, files.maskLogits());
        }
        Export.bake(run.model().graph());
        Export.save(run.model().graph(), files.model().toFile());
        if (run.recipe().checkpoint().enabled()) {
            display.onCheckpoint(result.finalState().step(), checkpoints.save(result.finalState()));
        }
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

    /** Samples the memory outside the Java heap at every metrics point and evaluation. */
    private static TrainingListener sampling(ResourceUsage memory) {
        return new TrainingListener() {
            @Override
            public void onMetrics(StepMetrics m) {
                memory.sample();
            }

            @Override
            public void onEvaluation(long step, String metric, double value) {
                memory.sample();
            }
        };
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

            @Override
            public void onCheckpoint(long step, String location) {
                a.onCheckpoint(step, location);
                b.onCheckpoint(step, location);
            }
        };
    }

    /** Replaces {@code file} in one step, so a crash leaves the old or the new content, never a mix. */
    private static void writeAtomically(Path file, String text) {
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
