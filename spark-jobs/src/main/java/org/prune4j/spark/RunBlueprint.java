package org.prune4j.spark;

import java.io.Serializable;

/**
 * What an executor needs to build its own copy of the run: the resolved recipe and where the data
 * is. Data is read from the same path on every machine (a shared file system, or the same dataset
 * fetched into the same cache on each node).
 *
 * @param recipeYaml     the resolved recipe
 * @param recipeSha256   its digest, which keys the executors' graph cache
 * @param dataDir        the directory the driver read its data from
 * @param workers        the number of data-parallel workers (partitions)
 */
record RunBlueprint(String recipeYaml, String recipeSha256, String dataDir, int workers)
        implements Serializable {
}
