package org.prune4j.cli;

import org.prune4j.trainer.data.DataException;
import org.prune4j.trainer.recipe.RecipeException;
import org.prune4j.trainer.train.StateMismatchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code prune4j} command line. */
@Command(name = "prune4j", mixinStandardHelpOptions = true, versionProvider = Prune4j.Version.class,
        description = "Training-time differentiable pruning for SameDiff models.",
        subcommands = {DataCommand.class, TrainCommand.class, ResumeCommand.class, PlanCommand.class,
                ExportCommand.class, ReportCommand.class, BenchCommand.class, SparkBenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Prune4j {

    /** Bad input: a recipe, a flag, or data. */
    static final int EXIT_BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Prune4j());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String kind = e instanceof RecipeException ? "recipe error: " : e instanceof DataException ? "data error: "
                    : e instanceof StateMismatchException ? "resume refused: " : e instanceof BadInputException ? ""
                    : null;
            if (kind != null) {
                cmd.getErr().println("prune4j: " + kind + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Prune4j.class.getPackage().getImplementationVersion();
            return new String[] {"prune4j " + (v == null ? "(development build)" : v)};
        }
    }
}
