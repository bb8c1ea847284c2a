package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastExpTest {

    /** Against Math.exp on a million points of [-87.33, 0], at the ends, and at multiples of ln 2 (where k changes). */
    @Test
    void isWithinThreeTenMillionthsOfMathExpOverItsDomain() {
        SplittableRandom rng = new SplittableRandom(5);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            float x = (float) (rng.nextDouble() * FastExp.UNDERFLOW);
            worst = Math.max(worst, relativeError(x));
        }
        for (int k = 0; k <= 125; k++) {
            float x = (float) (-k * Math.log(2));
            worst = Math.max(worst, Math.max(relativeError(x), Math.max(relativeError(Math.nextUp(x)),
                    relativeError(Math.nextDown(x)))));
            float half = (float) (-(k + 0.5) * Math.log(2)); // |r| at its largest
            worst = Math.max(worst, Math.max(relativeError(Math.nextUp(half)), relativeError(Math.nextDown(half))));
        }
        worst = Math.max(worst, relativeError(FastExp.UNDERFLOW));
        assertTrue(worst < 3e-7, "largest relative error " + worst);
        assertEquals(1f, FastExp.nonPositive(0f));
        assertEquals(1f, FastExp.nonPositive(-0f));
        assertEquals(0f, FastExp.nonPositive(-88f));
        assertEquals(0f, FastExp.nonPositive(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(FastExp.nonPositive(Float.NaN)));
    }

    private static double relativeError(float x) {
        double exact = Math.exp(x);
        return Math.abs(FastExp.nonPositive(x) - exact) / exact;
    }
}
