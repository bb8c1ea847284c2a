/**
 * Checkpoints and provenance: what a run must record so that it can be trusted and resumed exactly.
 *
 * <p>{@link org.prune4j.checkpoints.CheckpointStore} keeps {@link org.prune4j.checkpoints.TrainingState}s
 * (named arrays, named integers, the resolved recipe and its SHA-256, {@link
 * org.prune4j.checkpoints.Provenance}) in a directory on any Hadoop file system: one directory per
 * checkpoint, every file listed with its size and SHA-256 in {@code manifest.json}, committed by a
 * rename and a {@code COMMIT} marker, the newest {@code keep} kept. Arrays are NumPy {@code .npy}
 * files, so a checkpoint can be inspected from Python. The layout is described on the store; {@code
 * src/test/resources/golden/ckpt-v1} is a checked-in example.
 *
 * <p>This module knows nothing of schedules, masks, graphs or trainers: the trainer decides what the
 * names in a state mean.
 */
package org.prune4j.checkpoints;
