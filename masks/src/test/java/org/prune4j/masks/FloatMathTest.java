package org.prune4j.masks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FloatMathTest {

    /** Against Math.exp on a million points of [-87.33, 0], at the ends, and at multiples of ln 2 (where k changes). */
    @Test
    void expIsWithinThreeTenMillionthsOfMathExpOverItsDomain() {
        SplittableRandom rng = new SplittableRandom(5);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            worst = Math.max(worst, expError((float) (rng.nextDouble() * FloatMath.EXP_UNDERFLOW)));
        }
        for (int k = 0; k <= 125; k++) {
            float x = (float) (-k * Math.log(2));
            worst = Math.max(worst, Math.max(expError(x), Math.max(expError(Math.nextUp(x)),
                    expError(Math.nextDown(x)))));
            float half = (float) (-(k + 0.5) * Math.log(2)); // |r| at its largest
            worst = Math.max(worst, Math.max(expError(Math.nextUp(half)), expError(Math.nextDown(half))));
        }
        worst = Math.max(worst, expError(FloatMath.EXP_UNDERFLOW));
        assertTrue(worst < 3e-7, "largest relative error " + worst);
        assertEquals(1f, FloatMath.expNonPositive(0f));
        assertEquals(1f, FloatMath.expNonPositive(-0f));
        assertEquals(0f, FloatMath.expNonPositive(-88f));
        assertEquals(0f, FloatMath.expNonPositive(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(FloatMath.expNonPositive(Float.NaN)));
    }

    /**
     * Against Math.log over every float exponent the noise meets (2^-25 to 2^5: uniforms and their
     * logarithms), a million random points and the powers of two: within 1.2e-7 relative where |ln x| >= 1e-3,
     * within 1e-10 absolute near 1 (where the relative error of a float result is not the measure).
     */
    @Test
    void logIsWithinAFloatUlpOrSoOfMathLog() {
        SplittableRandom rng = new SplittableRandom(6);
        double worstRelative = 0;
        double worstAbsolute = 0;
        for (int i = 0; i < 1_000_000; i++) {
            float x = (float) Math.pow(2, -25 + 30 * rng.nextDouble());
            double exact = Math.log(x);
            double error = Math.abs(FloatMath.log(x) - exact);
            if (Math.abs(exact) >= 1e-3) {
                worstRelative = Math.max(worstRelative, error / Math.abs(exact));
            } else {
                worstAbsolute = Math.max(worstAbsolute, error);
            }
        }
        for (int e = -25; e <= 5; e++) {
            float x = (float) Math.pow(2, e);
            assertEquals(Math.log(x), FloatMath.log(x), 1.2e-7 * Math.max(1e-3, Math.abs(Math.log(x))), "2^" + e);
        }
        assertTrue(worstRelative < 1.2e-7, "largest relative error " + worstRelative);
        assertTrue(worstAbsolute < 1e-10, "largest absolute error near 1 " + worstAbsolute);
        assertEquals(0f, FloatMath.log(1f));
    }

    private static double expError(float x) {
        double exact = Math.exp(x);
        return Math.abs(FloatMath.expNonPositive(x) - exact) / exact;
    }
}
