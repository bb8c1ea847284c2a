package org.prune4j.cli;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.prune4j.trainer.train.StepMetrics;
import org.prune4j.trainer.train.TrainingListener;

/** A progress bar on a terminal; plain log lines (one per metrics point) when output is redirected. */
final class ConsoleProgress implements TrainingListener {

    private final ProgressBar bar;

    ConsoleProgress(long totalSteps) {
        this.bar = System.console() == null ? null : new ProgressBarBuilder().setTaskName("train")
                .setInitialMax(totalSteps).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build();
    }

    @Override
    public void onStep(long step, long totalSteps, double loss) {
        if (bar != null) {
            bar.stepTo(step);
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", loss));
            if (step == totalSteps) {
                bar.close();
            }
        }
    }

    @Override
    public void onMetrics(StepMetrics m) {
        if (bar == null) {
            System.out.printf(Locale.ROOT, "step %d  loss %.4f  lr %.2e  sparsity %.4f (target %.4f)  %.0f samples/s%n",
                    m.step(), m.loss(), m.learningRate(), m.sparsity(), m.targetSparsity(), m.samplesPerSecond());
        }
    }

    @Override
    public void onCheckpoint(long step, String location) {
        String line = String.format(Locale.ROOT, "step %d  checkpoint %s", step, location);
        if (bar == null) {
            System.out.println(line);
        } else {
            bar.setExtraMessage(line);
        }
    }

    @Override
    public void onEvaluation(long step, String metric, double value) {
        String line = String.format(Locale.ROOT, "step %d  %s %.4f", step, metric, value);
        if (bar == null) {
            System.out.println(line);
        } else {
            bar.setExtraMessage(line);
        }
    }
}
