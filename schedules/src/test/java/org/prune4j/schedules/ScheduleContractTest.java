package org.prune4j.schedules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The properties every schedule promises, checked on hand-picked and seeded random instances of every
 * type: exact values at its ends (and for ever after the end), bounded, monotone where it says so, and
 * a pure function of the step (the same whatever the order and number of calls). Pruning schedules
 * also change value only at their events.
 */
class ScheduleContractTest {

    /** Rounding slack for monotonicity: interpolations may wobble by an ulp, never by more. */
    private static final double ULPS = 1e-12;

    /**
     * @param startStep  a step at or before the ramp, with its exact value {@code startValue}
     * @param endStep    the step from which {@code endValue} holds for ever
     * @param direction  +1 non-decreasing, -1 non-increasing, 0 no promise
     */
    record Case(Schedule schedule, long startStep, double startValue, long endStep, double endValue, double low,
                double high, int direction) {
    }

    static Stream<Named<Case>> cases() {
        List<Case> cases = new ArrayList<>(List.of(
                new Case(new ConstantSchedule(3.5), 0, 3.5, 0, 3.5, 3.5, 3.5, 0),
                new Case(new LinearSchedule(0.1, 0.7, 10, 60), 10, 0.1, 60, 0.7, 0.1, 0.7, 1),
                new Case(new CosineSchedule(1e-3, 0, 0, 90), 0, 1e-3, 90, 0, 0, 1e-3, -1),
                new Case(new ExponentialSchedule(4, 0.05, 5, 205), 5, 4, 205, 0.05, 0.05, 4, -1),
                new Case(new ExponentialSchedule(10, 100, 0, 100), 0, 10, 100, 100, 10, 100, 1),
                new Case(new WarmupCosineSchedule(1e-3, 1e-5, 10, 110), 10, 1e-3, 110, 1e-5, 1e-5, 1e-3, 0),
                new Case(new SparsityRamp(0, 0.6, 100, 400), 100, 0, 500, 0.6, 0, 0.6, 1),
                new Case(new GradualPruningSchedule(0, 0.9, 0, 10, 1, 3), 0, 0, 10, 0.9, 0, 0.9, 1),
                new Case(new GradualPruningSchedule(0.1, 0.8, 100, 950, 100, 2), 100, 0.1, 950, 0.8, 0.1, 0.8, 1),
                new Case(new GeometricPruningSchedule(0.8, 100, 500, 100), 99, 0, 500, 0.8, 0, 0.8, 1),
                new Case(new SpdfSchedule(0.75, 20, 300), 19, 0, 300, 0, 0, 0.75, 0),
                new Case(new OneShotSchedule(0.9, 50), 49, 0, 50, 0.9, 0, 0.9, 1),
                new Case(new OneShotSchedule(0.5, 0), 0, 0.5, 0, 0.5, 0.5, 0.5, 1),
                new Case(new JoinedSchedule(List.of(new LinearSchedule(0, 1, 0, 50), new CosineSchedule(1, 0.1, 0, 100)),
                        List.of(50L)), 0, 0, 150, 0.1, 0, 1, 0)));
        SplittableRandom random = new SplittableRandom(20_250_403);
        for (int i = 0; i < 12; i++) {
            long begin = random.nextInt(300);
            long frequency = 1 + random.nextInt(40);
            long end = begin + frequency * (1 + random.nextInt(30));
            double target = random.nextDouble(0.99);
            double initial = random.nextDouble(target);
            double a = random.nextDouble(-5, 5);
            double b = random.nextDouble(-5, 5);
            double p = random.nextDouble(0.01, 0.99);
            double q = random.nextDouble(0.01, 10);
            cases.add(new Case(new GradualPruningSchedule(initial, target, begin, end, frequency, 0.5 + random.nextDouble(4)),
                    begin, initial, end, target, initial, target, 1));
            cases.add(new Case(new GeometricPruningSchedule(target, begin + 1, end + 1, frequency),
                    begin, 0, end + 1, target, 0, target, 1));
            cases.add(new Case(new LinearSchedule(a, b, begin, end), begin, a, end, b, Math.min(a, b), Math.max(a, b),
                    (int) Math.signum(b - a)));
            cases.add(new Case(new CosineSchedule(a, b, begin, end), begin, a, end, b, Math.min(a, b), Math.max(a, b),
                    (int) Math.signum(b - a)));
            cases.add(new Case(new ExponentialSchedule(p, q, begin, end), begin, p, end, q, Math.min(p, q),
                    Math.max(p, q), (int) Math.signum(q - p)));
            cases.add(new Case(new SparsityRamp(initial, target, begin, end - begin), begin, initial, end, target,
                    initial, target, 1));
            cases.add(new Case(new SpdfSchedule(target, begin, end), begin, target, end, 0, 0, target, 0));
            cases.add(new Case(new OneShotSchedule(target, begin + 1), begin, 0, begin + 1, target, 0, target, 1));
        }
        return cases.stream().map(c -> Named.of(c.schedule().toString(), c));
    }

    private static long horizon(Case c) {
        return c.endStep() + 200;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hitsItsEndpointsExactlyAndHoldsAfterTheEnd(Case c) {
        assertEquals(c.startValue(), c.schedule().valueAt(c.startStep()), 0, "start");
        assertEquals(c.endValue(), c.schedule().valueAt(c.endStep()), 0, "end");
        for (long t = c.endStep(); t <= horizon(c); t++) {
            assertEquals(c.endValue(), c.schedule().valueAt(t), 0, "holds after the end, step " + t);
        }
        assertEquals(c.endValue(), c.schedule().valueAt(Long.MAX_VALUE / 4), 0, "far after the end");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void staysWithinItsBoundsAndMovesOneWayWhereItPromises(Case c) {
        double slack = ULPS * Math.max(1, Math.max(Math.abs(c.low()), Math.abs(c.high())));
        double previous = c.schedule().valueAt(0);
        for (long t = 0; t <= horizon(c); t++) {
            double v = c.schedule().valueAt(t);
            assertTrue(Double.isFinite(v) && v >= c.low() - slack && v <= c.high() + slack,
                    "bounded in [" + c.low() + ", " + c.high() + "] at step " + t + ", got " + v);
            if (c.direction() != 0) {
                assertTrue((v - previous) * c.direction() >= -slack, "monotone at step " + t + ": " + previous + " -> " + v);
            }
            previous = v;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAPureFunctionOfTheStep(Case c) {
        int n = (int) horizon(c) + 1;
        double[] forward = new double[n];
        for (int t = 0; t < n; t++) {
            forward[t] = c.schedule().valueAt(t);
        }
        double[] backward = new double[n];
        for (int t = n - 1; t >= 0; t--) {
            backward[t] = c.schedule().valueAt(t);
            backward[t] = c.schedule().valueAt(t); // asked twice: the second answer is the one kept
        }
        int[] order = new int[n];
        for (int t = 0; t < n; t++) {
            order[t] = t;
        }
        SplittableRandom random = new SplittableRandom(n);
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        double[] shuffled = new double[n];
        for (int t : order) {
            shuffled[t] = c.schedule().valueAt(t);
        }
        assertArrayEquals(forward, backward, 0, "backwards and repeated calls");
        assertArrayEquals(forward, shuffled, 0, "random order");
    }

    static Stream<Named<Case>> pruningCases() {
        return cases().filter(c -> c.getPayload().schedule() instanceof PruningSchedule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pruningCases")
    void pruningSchedulesChangeValueOnlyAtTheirEvents(Case c) {
        PruningSchedule s = (PruningSchedule) c.schedule();
        long[] events = s.events().toArray();
        assertArrayEquals(events, s.events().toArray(), "events are the same on every call");
        for (int i = 1; i < events.length; i++) {
            assertTrue(events[i] > events[i - 1], "events increase: " + Arrays.toString(events));
        }
        for (long t = 0; t <= horizon(c); t++) {
            boolean listed = Arrays.binarySearch(events, t) >= 0;
            assertEquals(listed, s.isPruningStep(t), "isPruningStep agrees with events() at " + t);
            if (t > 0 && s.valueAt(t) != s.valueAt(t - 1)) {
                assertTrue(listed, "value changed at step " + t + ", which is not an event");
            }
        }
    }
}
