/**
 * Schedules: values that change over training, each a pure function of the optimizer step.
 *
 * <p>A {@link org.prune4j.schedules.Schedule} holds no mutable state, so the same step gives the same
 * value on every Spark worker, after every resume and however often it is asked. Constructors
 * validate their arguments and name the offending one. This module depends on the JDK only.
 *
 * <ul>
 *   <li>Shapes: {@link org.prune4j.schedules.ConstantSchedule}, {@link org.prune4j.schedules.LinearSchedule},
 *       {@link org.prune4j.schedules.CosineSchedule}, {@link org.prune4j.schedules.ExponentialSchedule}
 *       (temperatures, logit scales), {@link org.prune4j.schedules.WarmupCosineSchedule} (learning rates),
 *       {@link org.prune4j.schedules.SparsityRamp} (Lagrangian sparsity targets) and
 *       {@link org.prune4j.schedules.JoinedSchedule} (phases one after another).</li>
 *   <li>Pruning schedules, whose masks change only at events ({@link org.prune4j.schedules.PruningSchedule}):
 *       {@link org.prune4j.schedules.GradualPruningSchedule} (Zhu &amp; Gupta's cubic and other powers),
 *       {@link org.prune4j.schedules.GeometricPruningSchedule} (The Journey Matters),
 *       {@link org.prune4j.schedules.SpdfSchedule} (sparse pre-training, dense fine-tuning) and
 *       {@link org.prune4j.schedules.OneShotSchedule} (the whole target at one event).</li>
 *   <li>{@link org.prune4j.schedules.compute}: compute, N-bar and windows in compute space;
 *       {@link org.prune4j.schedules.allocation}: sharing a target among layers.</li>
 * </ul>
 */
package org.prune4j.schedules;
