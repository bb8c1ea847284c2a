/**
 * Schedules: values that change over training, each a pure function of the optimizer step.
 *
 * <p>A {@link org.prune4j.schedules.Schedule} holds no mutable state, so the same step gives the same
 * value on every Spark worker, after every resume and however often it is asked. Constructors
 * validate their arguments and name the offending one. This module depends on the JDK only.
 */
package org.prune4j.schedules;
