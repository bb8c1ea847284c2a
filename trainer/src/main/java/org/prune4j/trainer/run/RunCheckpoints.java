package org.prune4j.trainer.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.prune4j.checkpoints.CheckpointStore;
import org.prune4j.checkpoints.Provenance;
import org.prune4j.checkpoints.TrainingState;
import org.prune4j.trainer.recipe.CheckpointSpec;
import org.prune4j.trainer.recipe.Recipe;
import org.prune4j.trainer.recipe.RecipeLoader;
import org.prune4j.trainer.train.Checkpointer;
import org.prune4j.trainer.train.LoopState;

/**
 * The checkpoints of one run: the loop's state plus what only the run knows (the seed, the resolved
 * recipe, provenance), every {@code checkpoint.every} steps, into the store {@code checkpoint.dir}
 * names for the run directory.
 */
public final class RunCheckpoints implements Checkpointer {

    /** The checkpoint scalar holding the run seed, which every random draw derives from. */
    public static final String SEED = "seed";

    private final CheckpointStore store;
    private final int every;
    private final String recipeYaml;
    private final long seed;
    private final Provenance provenance;

    private RunCheckpoints(CheckpointStore store, Recipe recipe, Provenance provenance) {
        this.store = store;
        this.every = recipe.checkpoint().every();
        this.recipeYaml = RecipeLoader.toYaml(recipe);
        this.seed = recipe.seed();
        this.provenance = provenance;
    }

    /** The store of the run in {@code runDir}, as its recipe's {@code checkpoint} section says. */
    public static CheckpointStore store(Recipe recipe, Path runDir, Consumer<String> warnings) {
        CheckpointSpec spec = recipe.checkpoint();
        try {
            return CheckpointStore.open(spec.location(runDir), spec.keep(), warnings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the checkpoint store " + spec.location(runDir), e);
        }
    }

    /** The checkpoints of a run, or none when its recipe turns them off. */
    static Checkpointer of(Recipe recipe, Path runDir, Provenance provenance, Consumer<String> warnings) {
        return recipe.checkpoint().enabled()
                ? new RunCheckpoints(store(recipe, runDir, warnings), recipe, provenance) : Checkpointer.NONE;
    }

    @Override
    public boolean isDue(long step) {
        return step % every == 0;
    }

    @Override
    public String save(LoopState state) {
        Map<String, Long> scalars = new HashMap<>(state.scalars());
        scalars.put(SEED, seed);
        TrainingState checkpoint = new TrainingState(state.step(), state.arrays(), scalars, recipeYaml,
                provenance.at(Instant.now()));
        try {
            return store.save(checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the checkpoint of step " + state.step() + " to "
                    + store.location(), e);
        }
    }
}
