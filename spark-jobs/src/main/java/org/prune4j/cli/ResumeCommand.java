package org.prune4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.prune4j.checkpoints.CheckpointFormatException;
import org.prune4j.checkpoints.CheckpointStore;
import org.prune4j.checkpoints.TrainingState;
import org.prune4j.trainer.recipe.Recipe;
import org.prune4j.trainer.recipe.RecipeDiff;
import org.prune4j.trainer.recipe.RecipeLoader;
import org.prune4j.trainer.report.RunFiles;
import org.prune4j.trainer.report.Summary;
import org.prune4j.trainer.run.RunCheckpoints;
import org.prune4j.trainer.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code prune4j resume RUN_DIR_OR_CHECKPOINT_URI}: continue a run exactly where its checkpoint left it. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a run from its newest complete checkpoint (damaged ones are skipped with a warning), "
                + "or from the checkpoint a URI names, into the same run directory: metrics.jsonl goes on, and "
                + "summary, report and model are rewritten at the end. The run's recipe.yaml (with --steps applied) "
                + "must equal the checkpoint's recipe, except for the fields --allow-recipe-change names.")
final class ResumeCommand implements Callable<Integer> {

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");

    @Parameters(paramLabel = "RUN_DIR_OR_CHECKPOINT_URI", description = "A run directory written by 'prune4j train' "
            + "with checkpoints on; or a checkpoint store (a path, file://, hdfs://, s3a://), or one checkpoint in "
            + "it (.../step-000001234).")
    String target;

    @Option(names = "--steps", paramLabel = "N",
            description = "Train until step N: shorthand for changing train.steps.")
    Integer steps;

    @Option(names = "--allow-recipe-change", arity = "1..*", paramLabel = "FIELD", description = "Accept a recipe "
            + "that differs from the checkpoint's in these fields: dotted names such as train.steps, or whole "
            + "sections such as checkpoint.")
    List<String> allowed = new ArrayList<>();

    @Option(names = "--run-dir", paramLabel = "DIR", description = "With a checkpoint URI: the run directory to "
            + "continue (default: the one whose checkpoints/ holds it).")
    Path runDirOption;

    @Mixin
    DataOptions data;

    /** What a resume starts from: the run directory to continue, its checkpoint store, and the checkpoint. */
    private record Source(Path runDir, CheckpointStore store, TrainingState state) {
    }

    @Override
    public Integer call() {
        OptionalLong step = CheckpointStore.stepOf(target);
        Path local = localPath(target);
        boolean isRunDir = step.isEmpty() && local != null && Files.isRegularFile(new RunFiles(local).recipe());
        Source source = isRunDir ? fromRunDirectory(local) : fromUri(step);
        TrainingState state = source.state();
        Recipe recipe = checkedRecipe(source.runDir(), state);
        var run = data.prepare(recipe);
        System.out.printf(Locale.ROOT, "resuming %s from step %d of %d (%s)%n", source.runDir(), state.step(),
                recipe.train().steps(), source.store().locationOf(state.step()));
        Summary summary = Engines.train(run, engines -> Runner.resume(run, source.runDir(), state,
                new ConsoleProgress(recipe.train().steps()), Cli.WARNINGS, engines));
        Cli.printResults(summary, source.runDir());
        return 0;
    }

    /** The newest complete checkpoint in the store the run directory's recipe names. */
    private Source fromRunDirectory(Path runDir) {
        if (runDirOption != null) {
            throw new BadInputException("--run-dir applies only to a checkpoint URI; " + target + " is a run directory");
        }
        Recipe recipe = RecipeLoader.load(new RunFiles(runDir).recipe());
        if (!recipe.checkpoint().enabled()) {
            throw new BadInputException(runDir + " has no checkpoints to resume from (checkpoint.every is 0 in its "
                    + "recipe.yaml)");
        }
        CheckpointStore store = RunCheckpoints.store(recipe, runDir, Cli.WARNINGS);
        return new Source(runDir, store, latest(store));
    }

    /** The checkpoint the URI names, or the newest complete one in the store it names. */
    private Source fromUri(OptionalLong step) {
        CheckpointStore store = open(step.isPresent() ? CheckpointStore.storeOf(target) : target);
        TrainingState state = step.isPresent() ? load(store, step.getAsLong()) : latest(store);
        Path runDir = runDirOption != null ? runDirOption : runDirOf(store, parse(state));
        if (step.isPresent()) {
            refuseNewerCheckpoints(store, state);
        }
        return new Source(runDir, store, state);
    }

    /**
     * The recipe to continue under: the run directory's recipe.yaml (the checkpoint's when there is none),
     * with {@code --steps} applied, refused when it differs from the checkpoint's in any field not allowed.
     */
    private Recipe checkedRecipe(Path runDir, TrainingState state) {
        Recipe saved = parse(state);
        Path file = new RunFiles(runDir).recipe();
        Recipe wanted = Files.isRegularFile(file) ? RecipeLoader.load(file) : saved;
        List<String> accepted = new ArrayList<>(allowed);
        if (steps != null) {
            wanted = RecipeLoader.override(wanted, "train.steps", steps);
            accepted.add("train.steps");
        }
        List<String> refused = RecipeDiff.fields(saved, wanted).stream()
                .filter(f -> !RecipeDiff.allows(accepted, f)).toList();
        if (!refused.isEmpty()) {
            throw new BadInputException("resume refused: the recipe differs from the checkpoint's in "
                    + String.join(", ", refused) + "; pass --allow-recipe-change " + String.join(" ", refused)
                    + " to continue under the new values");
        }
        if (state.step() >= wanted.train().steps()) {
            throw new BadInputException("nothing to train: the checkpoint is at step " + state.step()
                    + " and train.steps is " + wanted.train().steps() + "; pass --steps N (N > " + state.step()
                    + ") to train further");
        }
        return wanted;
    }

    /** A resume from an older checkpoint would replace the newer ones as it reaches their steps: say so first. */
    private static void refuseNewerCheckpoints(CheckpointStore store, TrainingState state) {
        List<Long> newer = list(store).stream().filter(s -> s > state.step()).toList();
        if (!newer.isEmpty()) {
            throw new BadInputException("the store " + store.location() + " holds checkpoints after step "
                    + state.step() + " (steps " + newer + ") that this resume would replace; delete them first, or "
                    + "resume " + store.location() + " to continue from the newest");
        }
    }

    /**
     * The run directory of a local store at {@code <run>/<checkpoint.dir>} (the default layout); a store
     * elsewhere (an absolute dir, HDFS) does not say which run it belongs to.
     */
    private Path runDirOf(CheckpointStore store, Recipe saved) {
        String dir = saved.checkpoint().dir();
        Path storePath = localPath(store.location());
        if (storePath != null && !SCHEME.matcher(dir).matches() && !Path.of(dir).isAbsolute()) {
            Path run = storePath;
            for (int i = 0; i < Path.of(dir).getNameCount() && run != null; i++) {
                run = run.getParent();
            }
            if (run != null && run.resolve(dir).normalize().equals(storePath.normalize())) {
                return run;
            }
        }
        throw new BadInputException("cannot tell which run directory " + target + " belongs to; pass --run-dir DIR");
    }

    /** A local file system path for a plain path or a file: URI; null for any other scheme. */
    private static Path localPath(String location) {
        if (location.startsWith("file:")) {
            return Path.of(location.substring("file:".length()).replaceFirst("^//", ""));
        }
        return SCHEME.matcher(location).matches() ? null : Path.of(location);
    }

    private static Recipe parse(TrainingState state) {
        return RecipeLoader.parse(state.recipeYaml(), "checkpoint");
    }

    private static CheckpointStore open(String location) {
        try {
            return CheckpointStore.open(location, 1, Cli.WARNINGS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the checkpoint store " + location, e);
        }
    }

    private static TrainingState latest(CheckpointStore store) {
        try {
            return store.latest().orElseThrow(() -> new BadInputException("no complete checkpoint in "
                    + store.location() + " to resume from"));
        } catch (CheckpointFormatException e) {
            throw new BadInputException(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoints in " + store.location(), e);
        }
    }

    private static TrainingState load(CheckpointStore store, long step) {
        try {
            return store.load(step);
        } catch (CheckpointFormatException e) {
            throw new BadInputException(e.getMessage());
        } catch (IOException e) {
            throw new BadInputException("cannot resume from " + store.locationOf(step) + ": " + e.getMessage());
        }
    }

    private static List<Long> list(CheckpointStore store) {
        try {
            return store.steps();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + store.location(), e);
        }
    }
}
