package org.prune4j.trainer.train;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.prune4j.schedules.ConstantSchedule;
import org.prune4j.schedules.Schedule;
import org.prune4j.schedules.WarmupCosineSchedule;
import org.prune4j.trainer.recipe.TrainSpec;

/** Maps {@code train:} to an ND4J updater and a learning-rate schedule. */
public final class Optimizers {

    private Optimizers() {
    }

    public static IUpdater updater(TrainSpec train) {
        return switch (train.optimizer()) {
            case "adam" -> new Adam(train.learningRate(), train.beta1(), train.beta2(), Adam.DEFAULT_ADAM_EPSILON);
            case "sgd" -> new Nesterovs(train.learningRate(), train.momentum());
            default -> throw new IllegalArgumentException("unknown optimizer " + train.optimizer());
        };
    }

    public static Schedule learningRate(TrainSpec train) {
        return switch (train.lrSchedule()) {
            case "constant" -> new ConstantSchedule(train.learningRate());
            case "cosine" -> new WarmupCosineSchedule(train.learningRate(), train.minLearningRate(),
                    train.warmupSteps(), train.steps());
            default -> throw new IllegalArgumentException("unknown lrSchedule " + train.lrSchedule());
        };
    }

    /**
     * Sets the learning rate used by the next update. SameDiff's updaters read it from this config
     * object on every step, so writing it here keeps the value a function of the step without a
     * custom ISchedule class in the saved graph.
     */
    static void setLearningRate(IUpdater updater, double lr) {
        if (updater instanceof Adam a) {
            a.setLearningRate(lr);
        } else if (updater instanceof Nesterovs n) {
            n.setLearningRate(lr);
        } else {
            throw new IllegalArgumentException("cannot set the learning rate of " + updater.getClass().getSimpleName());
        }
    }
}
