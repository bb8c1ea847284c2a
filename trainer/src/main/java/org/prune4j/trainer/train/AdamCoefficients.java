package org.prune4j.trainer.train;

import org.nd4j.linalg.learning.config.Adam;

/**
 * The floats one Adam step uses: β1, 1 - β1, β2, 1 - β2, the bias-corrected step size, ε, and the factor
 * of decoupled weight decay (1 for none: {@code p·1} is p, bit for bit).
 */
record AdamCoefficients(float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float stepSize,
                        float epsilon, float decay) {

    /**
     * Those of update {@code iteration} (0-based) of {@code adam}: {@code stepSize = lr·√(1 - β2^(t+1)) /
     * (1 - β1^(t+1))}, or ε where that is not a finite non-zero number, as ND4J's AdamUpdater does; the
     * parameter is multiplied by {@code decay} first.
     */
    static AdamCoefficients of(Adam adam, int iteration, double decay) {
        double beta1 = adam.getBeta1();
        double beta2 = adam.getBeta2();
        double lr = adam.getLearningRate(iteration, 0);
        double stepSize = lr * Math.sqrt(1 - Math.pow(beta2, iteration + 1)) / (1 - Math.pow(beta1, iteration + 1));
        if (!Double.isFinite(stepSize) || stepSize == 0) {
            stepSize = adam.getEpsilon();
        }
        // 1 - β in float, as ND4J's op computes it
        return new AdamCoefficients((float) beta1, 1 - (float) beta1, (float) beta2, 1 - (float) beta2,
                (float) stepSize, (float) adam.getEpsilon(), (float) decay);
    }
}
