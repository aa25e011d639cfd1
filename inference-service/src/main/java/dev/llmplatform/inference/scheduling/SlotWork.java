package dev.llmplatform.inference.scheduling;

/** Work that runs on a slot thread, in the engine slot leased to it for the whole run. */
@FunctionalInterface
public interface SlotWork {

    /**
     * Runs the work in its slot. The work hands the slot back through {@link SlotLease#keep} as soon as the engine
     * is done with it (before its last message goes out, so that a follow-up request finds the slot free); a lease
     * not handed back is handed back when the work returns, with its cells cleared.
     */
    void run(SlotLease lease);

    /**
     * Work done on the slot thread before a slot is leased (validating a request that was admitted straight onto an
     * idle slot thread); a {@link RuntimeException} refuses the work: {@link #refused} is called and {@link #run} is
     * not.
     */
    default void prepare() {
    }

    /** The work was refused by {@link #prepare()}; its place is given back after this returns. */
    default void refused(RuntimeException failure) {
    }

    /** The token ids of the prompt, for choosing the slot whose cells it can reuse; empty for any slot. */
    default int[] prompt() {
        return new int[0];
    }

    /** Most tokens the work may add to its slot (max_tokens). */
    default int answerCells() {
        return 0;
    }

    /** Asks the work to stop soon (the service is shutting down); it still ends through {@link #run}. */
    default void abort() {
    }
}
