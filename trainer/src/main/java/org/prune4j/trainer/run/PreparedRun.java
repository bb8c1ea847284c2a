package org.prune4j.trainer.run;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.prune4j.trainer.data.DataStore;
import org.prune4j.trainer.data.Dataset;
import org.prune4j.trainer.data.ImageData;
import org.prune4j.trainer.data.TextCorpus;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.model.PrunableWeight;
import org.prune4j.trainer.recipe.GraphChecks;
import org.prune4j.trainer.recipe.Recipe;
import org.prune4j.trainer.train.AccuracyEvaluator;
import org.prune4j.trainer.train.BatchSource;
import org.prune4j.trainer.train.Evaluator;
import org.prune4j.trainer.train.ImageBatches;
import org.prune4j.trainer.train.InputNorms;
import org.prune4j.trainer.train.SavedVariables;
import org.prune4j.trainer.train.PerplexityEvaluator;
import org.prune4j.trainer.train.PruningSetup;
import org.prune4j.trainer.train.Pruner;
import org.prune4j.trainer.train.TextBatches;
import org.prune4j.trainer.train.Training;

/**
 * Everything a run needs, assembled and checked before anything is written: the model, its pruned
 * weights, the training batches, the evaluator and the pruner.
 */
public record PreparedRun(
        Recipe recipe, ModelGraph model, List<PrunableWeight> pruned, BatchSource batches, Evaluator evaluator,
        Pruner pruner, String dataSource) {

    /**
     * Loads the data (fetching a catalogued dataset into the store when it is missing, when
     * {@code fetchMissing}), builds the model and runs the graph checks.
     *
     * @throws org.prune4j.trainer.recipe.RecipeException for a recipe that does not fit the graph
     * @throws org.prune4j.trainer.data.DataException     for missing or malformed data
     */
    public static PreparedRun prepare(Recipe recipe, DataStore store, Path userDataDir, boolean fetchMissing,
                                      Consumer<String> log) {
        Path dataDir = userDataDir != null ? userDataDir
                : recipe.data().dir() != null ? Path.of(recipe.data().dir())
                : cached(store, Dataset.byId(recipe.data().dataset()), fetchMissing, log);
        PruningSetup pruning = PruningSetup.of(recipe.pruning(), recipe.seed());
        ModelGraph model = Models.build(recipe.model(), recipe.seed(), pruning.masking());
        if (recipe.model().initFrom() != null) {
            int copied = SavedVariables.load(Path.of(recipe.model().initFrom()), name -> true, model.graph());
            log.accept("model.initFrom: " + copied + " variables from " + recipe.model().initFrom());
        }
        pruning.lossTerms().forEach(model.graph()::addLossVariable);
        List<PrunableWeight> pruned = GraphChecks.selectedWeights(recipe.pruning(), model);
        int batch = recipe.train().batchSize();
        long seed = recipe.seed();
        BatchSource batches;
        Evaluator evaluator;
        if (recipe.data().isText()) {
            TextCorpus corpus = TextCorpus.load(TextCorpus.corpusFile(dataDir), recipe.data().validationFraction());
            int context = recipe.model().context();
            batches = new TextBatches(corpus.train(), batch, context, seed);
            evaluator = new PerplexityEvaluator(corpus.validation(), context);
        } else {
            batches = new ImageBatches(ImageData.train(dataDir), batch, seed, Models.CLASSES);
            evaluator = new AccuracyEvaluator(ImageData.test(dataDir), Models.CLASSES);
        }
        var maskllm = recipe.pruning().maskllm();
        InputNorms calibration = maskllm != null && maskllm.prior().equals("wanda")
                ? new InputNorms(model, batches, maskllm.calibrationBatches()) : null;
        Pruner pruner = pruning.pruner(pruned, recipe.train().steps(), recipe.train().learningRate(), calibration);
        return new PreparedRun(recipe, model, pruned, batches, evaluator, pruner, dataDir.toString());
    }

    /** What the training loop needs of this run. */
    public Training training() {
        return new Training(model, recipe.train(), batches, evaluator, pruner);
    }

    private static Path cached(DataStore store, Dataset dataset, boolean fetchMissing, Consumer<String> log) {
        if (store.isPresent(dataset)) {
            return store.directory(dataset);
        }
        if (!fetchMissing) {
            throw new org.prune4j.trainer.data.DataException("dataset " + dataset.id() + " is not in "
                    + store.directory(dataset) + "; fetch it with: " + DataStore.fetchCommand(dataset));
        }
        log.accept("dataset " + dataset.id() + " is not cached yet; fetching it (" + DataStore.fetchCommand(dataset)
                + ")");
        return store.fetch(dataset, log);
    }
}
