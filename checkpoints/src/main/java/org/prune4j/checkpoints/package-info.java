/**
 * Checkpoints and provenance: what a run must record so that it can be trusted and resumed.
 *
 * <p>This module owns the identity of a run's inputs (SHA-256 digests) and its provenance (versions,
 * commit, host, time). It knows nothing of schedules, masks or trainers.
 */
package org.prune4j.checkpoints;
