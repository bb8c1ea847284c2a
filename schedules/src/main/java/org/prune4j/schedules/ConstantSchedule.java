package org.prune4j.schedules;

/** The same value at every step. */
public record ConstantSchedule(double value) implements Schedule {

    public ConstantSchedule {
        Checks.finite("value", value);
    }

    @Override
    public double valueAt(long step) {
        return value;
    }
}
