/**
 * Data-parallel training on Apache Spark: the only package that sees Spark.
 *
 * <p>A round broadcasts the driver's state (every weight, mask and, for local SGD, the optimizer
 * state), runs each worker's share of the round in the executors on a graph built once per executor
 * JVM and reused, and adds the results (Kryo-serialized arrays) in worker order through a tree with
 * treeAggregate's fan-ins, so every round gives the same bits for any number of workers; the driver
 * then updates. A task is a pure function of (broadcast state, partition, round), so a
 * Spark task retry recomputes exactly the same result.
 */
package org.prune4j.spark;
