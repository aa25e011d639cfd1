package dev.llmplatform.inference.scheduling;

/** Work that runs on a slot thread, in the engine slot leased to it for the whole run. */
@FunctionalInterface
public interface SlotWork {

    /**
     * Runs the work.
     *
     * @param slot the engine slot, 0 to slots - 1, that no other running work holds
     */
    void run(int slot);

    /** Asks the work to stop soon (the service is shutting down); it still ends through {@link #run}. */
    default void abort() {
    }
}
