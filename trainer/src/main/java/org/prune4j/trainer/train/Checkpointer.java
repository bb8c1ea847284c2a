package org.prune4j.trainer.train;

/** Saves the loop's state at the steps a run asks for, so that the run can be resumed exactly. */
public interface Checkpointer {

    /** Saves nothing. */
    Checkpointer NONE = new Checkpointer() {
        @Override
        public boolean isDue(long step) {
            return false;
        }

        @Override
        public String save(LoopState state) {
            throw new IllegalStateException("Checkpointer.NONE saves nothing");
        }
    };

    /**
     * Whether the state after {@code step} updates is to be saved. The loop does not ask about its last
     * step: the run saves that one itself, after its results.
     */
    boolean isDue(long step);

    /** Saves the state; returns where it went. */
    String save(LoopState state);
}
