package org.prune4j.schedules;

/** Argument checks shared by the schedule constructors; messages name the argument, rule and value. */
final class Checks {

    private Checks() {
    }

    static void finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
    }

    static void nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }

    static void positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    static void atLeastOne(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }

    static void inUnitInterval(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
    }

    static void before(String firstName, long first, String secondName, long second) {
        if (first >= second) {
            throw new IllegalArgumentException(
                    firstName + " must be < " + secondName + ", got " + firstName + "=" + first
                            + " and " + secondName + "=" + second);
        }
    }

    /** A ramp's window: {@code 0 <= begin < end}. */
    static void window(long begin, long end) {
        nonNegative("begin", begin);
        before("begin", begin, "end", end);
    }

    /** The fraction of the way from begin to end that step has travelled, clipped to [0, 1]. */
    static double progress(long step, long begin, long end) {
        if (step <= begin) {
            return 0.0;
        }
        if (step >= end) {
            return 1.0;
        }
        return (double) (step - begin) / (double) (end - begin);
    }

    /**
     * {@code from + (to - from) * weight}, returning {@code from} and {@code to} themselves at weights 0
     * and 1: {@code from + (to - from)} is not always {@code to} in floating point, and a schedule must
     * hit its endpoints exactly.
     */
    static double interpolate(double from, double to, double weight) {
        if (weight <= 0) {
            return from;
        }
        if (weight >= 1) {
            return to;
        }
        return from + (to - from) * weight;
    }
}
