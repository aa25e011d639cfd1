package dev.llmplatform.inference.engine;

import java.util.BitSet;

/**
 * The engine's slot numbers, leased to running generations. Each lease gets the lowest free number, so a lone stream
 * always decodes in slot 0 and the higher slots are only used while streams overlap.
 */
public final class SlotIds {

    private final int count;
    private final BitSet leased;

    /** Slot numbers 0 to count - 1, all free. */
    public SlotIds(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("slot count must be at least 1, was " + count);
        }
        this.count = count;
        this.leased = new BitSet(count);
    }

    /** The lowest free slot number, now leased; throws when all are leased (the caller runs at most count). */
    public synchronized int lease() {
        int slot = leased.nextClearBit(0);
        if (slot >= count) {
            throw new IllegalStateException("all " + count + " slots are leased");
        }
        leased.set(slot);
        return slot;
    }

    /** Gives a leased slot number back. */
    public synchronized void giveBack(int slot) {
        if (slot < 0 || slot >= count || !leased.get(slot)) {
            throw new IllegalStateException("slot " + slot + " is not leased");
        }
        leased.clear(slot);
    }
}
