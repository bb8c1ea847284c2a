package org.prune4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.prune4j.trainer.plan.PlanPlot;
import org.prune4j.trainer.plan.PlanTable;
import org.prune4j.trainer.plan.Planner;
import org.prune4j.trainer.plan.SchedulePlan;
import org.prune4j.trainer.recipe.Recipe;
import org.prune4j.trainer.recipe.RecipeLoader;
import org.prune4j.trainer.run.Models;
import org.prune4j.trainer.train.PruningSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code prune4j plan RECIPE}: a recipe's schedules as a table and a plot, without data or training. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Dry-run a recipe's schedules: build the model (for its layer sizes only), print the target "
                + "sparsity (overall and per weight), learning rate and compute share at every pruning event, N-bar, "
                + "the sparse-compute share and the FLOPs saved, draw them into OUT/NAME.png and warn about schedules "
                + "that would waste the run. Needs no data.")
final class PlanCommand implements Callable<Integer> {

    /** Exit code of {@code --strict} when the plan has warnings. */
    static final int EXIT_WARNINGS = 1;

    @Parameters(paramLabel = "RECIPE", description = "A recipe YAML file (see recipes/ and the README).")
    Path recipeFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Where NAME.png and NAME.txt go (default: plan/ next "
            + "to the recipe's output.dir, e.g. ./plan for runs).")
    Path out;

    @Option(names = "--strict", description = "Exit with code 1 when the plan has warnings.")
    boolean strict;

    @Override
    public Integer call() {
        Recipe recipe = RecipeLoader.load(recipeFile);
        SchedulePlan plan = Planner.plan(recipe, Models.build(recipe.model(), recipe.seed(),
                PruningSetup.of(recipe.pruning(), recipe.seed()).masking()));
        Path dir = out != null ? out : Path.of(recipe.output().dir()).resolveSibling("plan");
        String table = PlanTable.render(plan);
        System.out.print(table);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(recipe.name() + ".txt"), table, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + dir, e);
        }
        Path png = PlanPlot.draw(plan, dir.resolve(recipe.name() + ".png"));
        System.out.println("plot: " + png);
        System.out.println("table: " + dir.resolve(recipe.name() + ".txt"));
        return strict && !plan.warnings().isEmpty() ? EXIT_WARNINGS : 0;
    }
}
