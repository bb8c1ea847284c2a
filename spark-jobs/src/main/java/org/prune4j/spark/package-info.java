/**
 * Data-parallel training on Apache Spark: the only package that sees Spark.
 *
 * <p>One Spark job runs the workers for the whole run: a task per worker, each with its graph built
 * once per executor JVM and reused, and a socket to the driver ({@link org.prune4j.spark.RoundChannel}).
 * A round sends the driver's state (every weight, mask and, for local SGD, the optimizer state) to every
 * worker, runs each worker's share of the round, and adds the results (Kryo-serialized arrays) on the
 * driver in worker order, so every round gives the same bits whatever order they arrive in; the driver
 * then updates. A round is a pure function of (state, worker): when an executor dies, Spark runs its task
 * again, the task connects anew and is sent the round it had not answered.
 */
package org.prune4j.spark;
