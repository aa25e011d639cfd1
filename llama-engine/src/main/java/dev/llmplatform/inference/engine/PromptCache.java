package dev.llmplatform.inference.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine's slots and the tokens each one's KV cells hold, so that a generation is leased the free slot whose
 * cells it can reuse (docs/adr/0011-prompt-cache.md).
 *
 * <p>The engine (llama.cpp's server code with {@code cache_prompt} on) keeps a slot's cells after a request and
 * evaluates only what follows the longest common prefix of the slot's tokens and the next prompt pinned to it. All
 * slots share one KV cache and every decode step attends over the cells up to the highest one in use, so the cells
 * idle slots keep slow every running stream (docs/adr/0001-pin-generations-to-slots.md). The policy:
 * <ul>
 *   <li>a prompt goes to the free slot it shares the longest prefix with, when that prefix covers the slot's last
 *       prompt (a follow-up turn, whatever the template did with the answer in between) or at least
 *       {@link Policy#similarity()} of what the slot holds (llama-server's {@code --slot-prompt-similarity}), so a
 *       prompt that shares only a BOS or a system prompt with a long conversation does not overwrite it;</li>
 *   <li>an unrelated prompt goes to an empty slot while the cells idle slots keep stay within
 *       {@link Policy#maxIdleCells()} with its answer added, otherwise to the least recently used warm slot: it
 *       replaces that slot's cells instead of spreading caches over every slot;</li>
 *   <li>when a generation ends its slot keeps its cells; then, while the idle slots together hold more than
 *       {@code maxIdleCells}, the least recently used idle slot is cleared (the caller clears it in the engine while
 *       it is leased for that, then calls {@link #cleared}).</li>
 * </ul>
 * With the cache off every lease gets the lowest free slot and every slot but 0 is cleared after use (the engine
 * evaluates every prompt in full; slot 0's cells are replaced by its next request), as before the cache.
 *
 * <p>What a slot holds is known to the service only as token ids it can vouch for: the prompt it sent and the ids of
 * the generated pieces it could resolve ({@link PieceIds}); the engine compares its real ids, so a wrong guess here
 * can only change the slot chosen and the reuse reported, never the generated text. Thread-safe.
 */
public final class PromptCache {

    /** A slot leased to one generation, and how many of its prompt tokens the engine will not evaluate again. */
    public record Lease(int slot, int reused) {
    }

    /**
     * How slots keep their cells.
     *
     * @param enabled      whether slots keep their cells for the next prompt at all
     * @param maxIdleCells most cells the idle slots keep together
     * @param similarity   share of a slot's tokens a prompt must reuse for the slot to be chosen for it, 0 to 1
     */
    public record Policy(boolean enabled, int maxIdleCells, double similarity) {

        /** llama-server's default similarity. */
        public static final double DEFAULT_SIMILARITY = 0.5;

        /** Checks the bounds. */
        public Policy {
            if (maxIdleCells < 0) {
                throw new IllegalArgumentException("maxIdleCells must be 0 or more, was " + maxIdleCells);
            }
            if (!(similarity >= 0 && similarity <= 1)) {
                throw new IllegalArgumentException("similarity must be in [0, 1], was " + similarity);
            }
        }

        /** The cache off: every prompt evaluated in full, slots cleared after use. */
        public static Policy off() {
            return new Policy(false, 0, DEFAULT_SIMILARITY);
        }

        /** The cache on, keeping at most {@code maxIdleCells} in idle slots. */
        public static Policy keeping(int maxIdleCells) {
            return new Policy(true, maxIdleCells, DEFAULT_SIMILARITY);
        }
    }

    private static final int[] NOTHING = new int[0];

    private final Policy policy;
    private final int[][] held;
    private final int[] heldPrompt;
    private final long[] lastUsed;
    private final boolean[] leased;
    private long clock;

    /** {@code slots} empty slots kept by {@code policy}. */
    public PromptCache(int slots, Policy policy) {
        if (slots < 1) {
            throw new IllegalArgumentException("slot count must be at least 1, was " + slots);
        }
        this.policy = policy;
        this.held = new int[slots][];
        this.heldPrompt = new int[slots];
        this.lastUsed = new long[slots];
        this.leased = new boolean[slots];
        Arrays.fill(held, NOTHING);
    }

    /** The policy. */
    public Policy policy() {
        return policy;
    }

    /** Number of slots. */
    public int slots() {
        return held.length;
    }

    /**
     * Leases the best free slot for a prompt, waiting while none is free (slots being cleared are not free).
     *
     * @param prompt      the prompt's token ids, BOS included where the engine evaluates one
     * @param answerCells most tokens the answer may add (max_tokens), to judge whether an empty slot may be warmed
     */
    public synchronized Lease lease(int[] prompt, int answerCells) throws InterruptedException {
        Lease lease;
        while ((lease = tryLease(prompt, answerCells)) == null) {
            wait();
        }
        return lease;
    }

    /** Leases the best free slot for a prompt, or returns null when none is free. */
    public synchronized Lease tryLease(int[] prompt, int answerCells) {
        int slot = choose(prompt, answerCells);
        if (slot < 0) {
            return null;
        }
        leased[slot] = true;
        lastUsed[slot] = ++clock;
        return new Lease(slot, reusable(held[slot], prompt));
    }

    /** Leases a given slot for a prompt, or returns null when it is not free (a warm-up, a test). */
    public synchronized Lease leaseSlot(int slot, int[] prompt) {
        if (leased[slot]) {
            return null;
        }
        leased[slot] = true;
        lastUsed[slot] = ++clock;
        return new Lease(slot, reusable(held[slot], prompt));
    }

    private int choose(int[] prompt, int answerCells) {
        int lowestFree = -1;
        for (int slot = 0; slot < held.length && lowestFree < 0; slot++) {
            lowestFree = leased[slot] ? -1 : slot;
        }
        if (lowestFree < 0 || !policy.enabled()) {
            return lowestFree;
        }
        int best = -1;
        int bestReused = 0;
        int emptySlot = -1;
        int oldestWarm = -1;
        for (int slot = 0; slot < held.length; slot++) {
            if (leased[slot]) {
                continue;
            }
            if (held[slot].length == 0) {
                emptySlot = emptySlot < 0 ? slot : emptySlot;
                continue;
            }
            if (oldestWarm < 0 || lastUsed[slot] < lastUsed[oldestWarm]) {
                oldestWarm = slot;
            }
            int common = commonPrefix(held[slot], prompt);
            int reused = reusable(held[slot], prompt);
            boolean followsUp = heldPrompt[slot] > 1 && common >= heldPrompt[slot];
            if (reused > bestReused && (followsUp || reused >= policy.similarity() * held[slot].length)) {
                best = slot;
                bestReused = reused;
            }
        }
        if (best >= 0) {
            return best;
        }
        if (emptySlot >= 0 && (oldestWarm < 0
                || idleCells() + (long) prompt.length + answerCells <= policy.maxIdleCells())) {
            return emptySlot;
        }
        return oldestWarm >= 0 ? oldestWarm : emptySlot;
    }

    /**
     * Ends a lease: the slot now holds {@code tokens} (its cells' known prefix; empty when nothing is known, which
     * makes it be cleared) and is free. Returns the slots to clear now, leased to the caller, who clears each in the
     * engine and calls {@link #cleared} for it; the ended slot may be among them.
     */
    public synchronized List<Integer> release(Lease lease, int[] tokens) {
        return release(lease, tokens, tokens.length);
    }

    /**
     * Ends a lease as {@link #release(Lease, int[])}, where the first {@code promptLength} of {@code tokens} were the
     * prompt (the rest the answer): a later prompt that starts with all of that prompt counts as a follow-up.
     */
    public synchronized List<Integer> release(Lease lease, int[] tokens, int promptLength) {
        int slot = lease.slot();
        if (!leased[slot]) {
            throw new IllegalStateException("slot " + slot + " is not leased");
        }
        List<Integer> clear = new ArrayList<>();
        if (!policy.enabled()) {
            held[slot] = NOTHING;
            if (slot == 0) {
                leased[slot] = false;
            } else {
                clear.add(slot);
            }
            notifyAll();
            return clear;
        }
        if (tokens.length == 0) {
            held[slot] = NOTHING;
            clear.add(slot);
            return clear;
        }
        held[slot] = tokens.clone();
        heldPrompt[slot] = Math.min(promptLength, tokens.length);
        lastUsed[slot] = ++clock;
        leased[slot] = false;
        while (idleCells() > policy.maxIdleCells()) {
            int victim = oldestIdleWarm();
            held[victim] = NOTHING;
            leased[victim] = true;
            clear.add(victim);
        }
        notifyAll();
        return clear;
    }

    /** A slot the caller was given to clear is cleared: it holds nothing and is free. */
    public synchronized void cleared(int slot) {
        if (!leased[slot]) {
            throw new IllegalStateException("slot " + slot + " is not leased");
        }
        held[slot] = NOTHING;
        leased[slot] = false;
        notifyAll();
    }

    /** The token ids a slot is known to hold (empty when cleared, or while leased for clearing). */
    public synchronized int[] held(int slot) {
        return held[slot].clone();
    }

    /** Cells the free slots keep together. */
    public synchronized long idleCells() {
        long cells = 0;
        for (int slot = 0; slot < held.length; slot++) {
            cells += leased[slot] ? 0 : held[slot].length;
        }
        return cells;
    }

    private int oldestIdleWarm() {
        int oldest = -1;
        for (int slot = 0; slot < held.length; slot++) {
            if (!leased[slot] && held[slot].length > 0 && (oldest < 0 || lastUsed[slot] < lastUsed[oldest])) {
                oldest = slot;
            }
        }
        return oldest;
    }

    /**
     * Prompt tokens the engine will not evaluate in a slot holding {@code cached}: their common prefix, less one when
     * it covers the whole prompt (the engine evaluates at least the last prompt token, for its logits).
     */
    public static int reusable(int[] cached, int[] prompt) {
        int common = commonPrefix(cached, prompt);
        return common == prompt.length ? Math.max(0, common - 1) : common;
    }

    private static int commonPrefix(int[] cached, int[] prompt) {
        int n = Math.min(cached.length, prompt.length);
        int common = 0;
        while (common < n && cached[common] == prompt[common]) {
            common++;
        }
        return common;
    }
}
