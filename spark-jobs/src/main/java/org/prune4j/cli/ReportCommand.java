package org.prune4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.prune4j.trainer.report.Report;
import org.prune4j.trainer.report.RunFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code prune4j report RUN_DIR}: redraw sparsity.md and the plots from a run's files. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Re-render sparsity.md and plots/*.png of a run directory from its metrics.jsonl and summary.json.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "A directory written by 'prune4j train'.")
    Path runDir;

    @Override
    public Integer call() {
        try {
            Report.render(new RunFiles(runDir)).forEach(p -> System.out.println("wrote " + p));
        } catch (IllegalArgumentException e) {
            System.err.println("prune4j: " + e.getMessage());
            return Prune4j.EXIT_BAD_INPUT;
        }
        return 0;
    }
}
