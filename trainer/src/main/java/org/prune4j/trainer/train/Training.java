package org.prune4j.trainer.train;

import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.recipe.TrainSpec;

/**
 * What the loop trains: the model, the optimisation, the data, the evaluation and the pruning.
 *
 * @param model     the graph, its weights as initialised (a resume overwrites them)
 * @param train     steps, optimizer, learning rate, logging and evaluation cadence
 * @param batches   the batch of every step
 * @param evaluator held-out scoring
 * @param pruner    the pruning method, or {@link Pruner#NONE}
 */
public record Training(ModelGraph model, TrainSpec train, BatchSource batches, Evaluator evaluator, Pruner pruner) {
}
