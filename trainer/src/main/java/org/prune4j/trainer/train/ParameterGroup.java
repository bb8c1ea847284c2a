package org.prune4j.trainer.train;

import java.util.function.Predicate;

/**
 * How the loop's {@link ParameterUpdater} treats some variables: not at all (frozen: they are neither
 * differentiated nor updated, which is also what makes a mask-only step cheap), or with their own
 * learning rate and decoupled weight decay (MaskLLM's logits learn at {@code lr × lr_mult} with weight
 * decay, reference/algorithms.md §0.2 and §4.3). A variable belongs to the first group whose
 * {@code members} accepts its name; variables in no group train at the loop's learning rate without
 * weight decay.
 *
 * @param name              for messages
 * @param members           which variable names belong to the group
 * @param frozen            whether they stay as they are
 * @param learningRateScale their learning rate over the loop's, at every step (> 0; ignored when frozen)
 * @param weightDecay       decoupled (AdamW) decay: {@code p -= lr × weightDecay × p} before each update (>= 0)
 */
public record ParameterGroup(
        String name, Predicate<String> members, boolean frozen, double learningRateScale, double weightDecay) {

    public ParameterGroup {
        if (name == null || members == null) {
            throw new IllegalArgumentException("name and members must be given, got " + name + ", " + members);
        }
        if (!(learningRateScale > 0) || Double.isInfinite(learningRateScale)) {
            throw new IllegalArgumentException("learningRateScale of group " + name + " must be a positive number, got "
                    + learningRateScale);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay of group " + name + " must be >= 0, got " + weightDecay);
        }
    }

    /** The variables {@code members} accepts are not trained. */
    public static ParameterGroup frozen(String name, Predicate<String> members) {
        return new ParameterGroup(name, members, true, 1, 0);
    }
}
