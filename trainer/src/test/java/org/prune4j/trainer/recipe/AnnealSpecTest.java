package org.prune4j.trainer.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.prune4j.schedules.LinearSchedule;
import org.prune4j.schedules.Schedule;

/** Each shape of an anneal: exact ends, monotone between them, and linear by default as before shapes. */
class AnnealSpecTest {

    private static final long BEGIN = 20;
    private static final long END = 320;

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(textBlock = """
            linear,      4,  0.05
            exponential, 4,  0.05
            exponential, 10, 100
            cosine,      4,  0.05
            cosine,      10, 100
            """)
    void hitsItsEndsExactlyAndIsMonotoneBetween(String shape, double from, double to) {
        Schedule s = new AnnealSpec(from, to, shape).schedule(BEGIN, END);
        assertEquals(from, s.valueAt(0));
        assertEquals(from, s.valueAt(BEGIN));
        assertEquals(to, s.valueAt(END));
        assertEquals(to, s.valueAt(END + 1000));
        double sign = Math.signum(to - from);
        for (long t = BEGIN; t < END; t++) {
            assertTrue(sign * (s.valueAt(t + 1) - s.valueAt(t)) >= -1e-12, shape + " at step " + t);
        }
    }

    /** Exponential is geometric: the midpoint is the geometric mean, a constant ratio per step. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"4, 0.05", "10, 100"})
    void exponentialHalfwayIsTheGeometricMean(double from, double to) {
        Schedule s = new AnnealSpec(from, to, "exponential").schedule(BEGIN, END);
        assertEquals(Math.sqrt(from * to), s.valueAt((BEGIN + END) / 2), 1e-12 * from);
        double ratio = s.valueAt(BEGIN + 1) / s.valueAt(BEGIN);
        assertEquals(ratio, s.valueAt(END) / s.valueAt(END - 1), 1e-9);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"4, 0.05", "100, 500"})
    void theDefaultShapeIsTheLinearAnnealOfEarlierRecipes(double from, double to) {
        AnnealSpec spec = new AnnealSpec(from, to);
        assertEquals("linear", spec.shape());
        assertEquals(new LinearSchedule(from, to, BEGIN, END), spec.schedule(BEGIN, END));
    }
}
