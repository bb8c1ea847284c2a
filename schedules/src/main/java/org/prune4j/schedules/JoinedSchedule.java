package org.prune4j.schedules;

import java.util.List;

/**
 * Phases one after another (Optax {@code join_schedules}): phase {@code i} runs from
 * {@code boundaries[i - 1]} (0 for the first) up to {@code boundaries[i]}, and sees the step counted
 * from its own start, so each phase can be written and tested as if it began at step 0. Used for
 * warm-up then decay, or a value held during pre-pruning and then annealed.
 *
 * @param phases     at least one schedule; one more than there are boundaries
 * @param boundaries strictly increasing steps {@code > 0} at which the next phase takes over
 */
public record JoinedSchedule(List<Schedule> phases, List<Long> boundaries) implements Schedule {

    public JoinedSchedule {
        phases = List.copyOf(phases);
        boundaries = List.copyOf(boundaries);
        if (phases.size() != boundaries.size() + 1) {
            throw new IllegalArgumentException("phases must number boundaries + 1 = " + (boundaries.size() + 1)
                    + ", got " + phases.size());
        }
        long previous = 0;
        for (int i = 0; i < boundaries.size(); i++) {
            long b = boundaries.get(i);
            if (b <= previous) {
                throw new IllegalArgumentException("boundaries[" + i + "] must be > " + previous
                        + " (strictly increasing, after step 0), got " + b);
            }
            previous = b;
        }
    }

    @Override
    public double valueAt(long step) {
        int phase = 0;
        while (phase < boundaries.size() && step >= boundaries.get(phase)) {
            phase++;
        }
        long start = phase == 0 ? 0 : boundaries.get(phase - 1);
        return phases.get(phase).valueAt(step - start);
    }
}
