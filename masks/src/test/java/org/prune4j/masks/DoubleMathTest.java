package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DoubleMathTest {

    /** Against Math.exp on a million points of [-700, 700] and at multiples of ln 2 (where k changes). */
    @Test
    void expIsWithinAFewUlpOfMathExp() {
        SplittableRandom rng = new SplittableRandom(7);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double x = (2 * rng.nextDouble() - 1) * (i % 2 == 0 ? DoubleMath.EXP_LIMIT : 30);
            worst = Math.max(worst, error(x));
        }
        for (int k = -1000; k <= 1000; k++) {
            double x = k * Math.log(2);
            worst = Math.max(worst, Math.max(error(x), Math.max(error(Math.nextUp(x)), error(Math.nextDown(x)))));
        }
        assertTrue(worst < 1e-15, "largest relative error " + worst);
        assertEquals(1.0, DoubleMath.exp(0));
    }

    private static double error(double x) {
        double exact = Math.exp(x);
        return Math.abs(DoubleMath.exp(x) - exact) / exact;
    }
}
