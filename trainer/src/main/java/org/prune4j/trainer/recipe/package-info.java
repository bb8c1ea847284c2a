/**
 * Recipes: the YAML a user writes, read into validated records.
 *
 * <p>A recipe is data, never code. Every section is a record whose constructor fills defaults and
 * checks its own fields; the loader turns any problem into one {@link
 * org.prune4j.trainer.recipe.RecipeException} naming the field (as a dotted path), the rule and the
 * value. Checks that need the built graph (a weight pattern that matches nothing, N:M on a layer
 * whose input dimension is not a multiple of M) live in {@link org.prune4j.trainer.recipe.GraphChecks}.
 */
package org.prune4j.trainer.recipe;
