/**
 * A run from recipe to results: prepare everything that can fail on bad input first (recipe, data,
 * graph checks), and only then create the run directory, train, and write the results; or continue a
 * run from one of its checkpoints into the same directory.
 */
package org.prune4j.trainer.run;
