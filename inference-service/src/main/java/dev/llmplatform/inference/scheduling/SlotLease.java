package dev.llmplatform.inference.scheduling;

import dev.llmplatform.inference.engine.PromptCache;
import java.util.List;
import java.util.function.Consumer;

/** One run's hold on an engine slot: the slot number, the prompt tokens the engine reuses there, and its hand-back. */
public final class SlotLease {

    private final PromptCache.Lease lease;
    private final PromptCache cache;
    private final Consumer<List<Integer>> clear;
    private final SlotScheduler.CellsObserver cells;
    private List<Integer> toClear;

    /**
     * A lease of {@code cache}'s slot; {@code clear} clears the slots the policy drops, {@code cells} hears what the
     * slot keeps.
     */
    public SlotLease(PromptCache.Lease lease, PromptCache cache, Consumer<List<Integer>> clear,
                     SlotScheduler.CellsObserver cells) {
        this.lease = lease;
        this.cache = cache;
        this.clear = clear;
        this.cells = cells;
    }

    /** The engine slot, 0 to slots - 1, that no other running work holds. */
    public int slot() {
        return lease.slot();
    }

    /** Prompt tokens whose cells the slot already holds: the engine does not evaluate them again. */
    public int reused() {
        return lease.reused();
    }

    /**
     * Hands the slot back, holding {@code tokens} (the known prefix of its cells; empty when nothing is known, and
     * the slot is then cleared). Slots the cache policy clears are cleared when the run returns. Only the first
     * call counts.
     */
    public synchronized void keep(int[] tokens) {
        keep(tokens, tokens.length);
    }

    /** As {@link #keep(int[])}, the first {@code promptLength} tokens being the prompt and the rest the answer. */
    public synchronized void keep(int[] tokens, int promptLength) {
        if (toClear == null) {
            cells.holds(lease.slot(), tokens.length);
            toClear = cache.release(lease, tokens, promptLength);
        }
    }

    /** After the run: hands the slot back if the run did not, then clears what the policy clears. */
    public void end() {
        List<Integer> pending;
        synchronized (this) {
            keep(new int[0]);
            pending = toClear;
        }
        if (!pending.isEmpty()) {
            clear.accept(pending);
        }
    }
}
