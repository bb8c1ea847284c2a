/**
 * Dry runs of a recipe's schedules: what {@code prune4j plan} prints and draws before any training.
 *
 * <p>{@link org.prune4j.trainer.plan.Planner} builds the model graph (for the layer sizes only) and asks
 * the same objects the training loop will use (the learning-rate schedule, the pruner's schedule and
 * per-layer targets, the mask hyperparameter schedules) for their values at every step, so the plan
 * shows exactly what a run will do. {@link org.prune4j.trainer.plan.PlanChecks} turns the schedule
 * mistakes that are legal but almost certainly unintended into warnings;
 * {@link org.prune4j.trainer.plan.PlanTable} and {@link org.prune4j.trainer.plan.PlanPlot} render the
 * result.
 */
package org.prune4j.trainer.plan;
