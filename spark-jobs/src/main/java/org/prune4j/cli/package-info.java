/**
 * The {@code prune4j} command line: {@code data}, {@code train}, {@code resume}, {@code export},
 * {@code report}.
 *
 * <p>Exit codes: 0 success; 2 bad input (a recipe, a flag, missing or malformed data), with one
 * message naming the field, the rule and the value, and nothing written; 1 any other failure.
 */
package org.prune4j.cli;
