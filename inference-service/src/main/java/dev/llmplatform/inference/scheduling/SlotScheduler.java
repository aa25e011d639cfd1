package dev.llmplatform.inference.scheduling;

import dev.llmplatform.inference.engine.PromptCache;
import dev.llmplatform.inference.request.InferenceError;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import org.jboss.logging.Logger;

/**
 * Admits generations up to slots + queue and runs them on one dedicated thread per slot, so blocking native calls
 * never run on an event loop and at most {@code slots} requests reach the engine at once. Each run holds one engine
 * slot for its whole length, the free slot whose cells its prompt can reuse best ({@link PromptCache}); the slots
 * the cache policy clears are cleared on the slot thread after the run, before the thread takes new work.
 *
 * <p>{@link #admit()} refuses at once (RESOURCE_EXHAUSTED) when slots and queue are full. Admitted work waits in
 * FIFO order for a slot thread. Shutdown waits for the admitted work with {@link #awaitIdle} and can stop it with
 * {@link #abortAll}.
 */
public final class SlotScheduler {

    private static final Logger LOG = Logger.getLogger(SlotScheduler.class);

    private final int slots;
    private final int maxQueue;
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final PromptCache cache;
    private volatile IntConsumer clearSlot = slot -> { };
    private volatile CellsObserver cells = (slot, held) -> { };
    private final ExecutorService executor;
    private final Set<SlotWork> submitted = ConcurrentHashMap.newKeySet();
    private final ReentrantLock idleLock = new ReentrantLock();
    private final Condition becameIdle = idleLock.newCondition();

    /** What the slots keep changes: a slot now holds {@code cells} cells of its last generation. */
    @FunctionalInterface
    public interface CellsObserver {
        /** The slot holds {@code cells} cells. */
        void holds(int slot, int cells);
    }

    /** A scheduler with the given slot count and queue bound, and the prompt cache off. */
    public SlotScheduler(int slots, int maxQueue) {
        this(slots, maxQueue, PromptCache.Policy.off());
    }

    /** A scheduler with the given slot count, queue bound and prompt-cache policy. */
    public SlotScheduler(int slots, int maxQueue, PromptCache.Policy policy) {
        this.slots = slots;
        this.maxQueue = maxQueue;
        this.cache = new PromptCache(slots, policy);
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(slots, slots, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "llm-slot-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Connects the engine: {@code clearSlot} drops a slot's cells (called on a slot thread that holds the slot), and
     * {@code cells} hears what each slot keeps after a run.
     */
    public void connect(IntConsumer clearSlot, CellsObserver cells) {
        this.clearSlot = clearSlot;
        this.cells = cells;
    }

    /** The slots and what each holds. */
    public PromptCache cache() {
        return cache;
    }

    /** Reserves a place, or throws RESOURCE_EXHAUSTED when slots and queue are full. */
    public void admit() {
        int limit = slots + maxQueue;
        while (true) {
            int current = admitted.get();
            if (current >= limit) {
                throw InferenceError.exhausted("all " + slots + " slots are busy and the queue of " + maxQueue
                        + " is full; retry later");
            }
            if (admitted.compareAndSet(current, current + 1)) {
                return;
            }
        }
    }

    /**
     * Reserves a place only when a slot thread is idle (fewer admitted than slots), so that work submitted now starts
     * at once; whether it did.
     */
    public boolean admitIfIdle() {
        while (true) {
            int current = admitted.get();
            if (current >= slots) {
                return false;
            }
            if (admitted.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Gives back a place reserved by {@link #admit()} that will not be submitted. */
    public void release() {
        giveBackPlace();
    }

    private void giveBackPlace() {
        if (admitted.decrementAndGet() == 0) {
            idleLock.lock();
            try {
                becameIdle.signalAll();
            } finally {
                idleLock.unlock();
            }
        }
    }

    /**
     * Runs admitted work on a slot thread in the slot the prompt cache chooses; the slot and the place are given back
     * when it ends. At most {@code slots} threads run work; a slot being cleared is not free, so a run may wait for a
     * clearing step to end.
     */
    public void submit(SlotWork work) {
        submitted.add(work);
        try {
            executor.execute(() -> {
                running.incrementAndGet();
                SlotLease lease = null;
                try {
                    try {
                        work.prepare();
                    } catch (RuntimeException refusal) {
                        work.refused(refusal);
                        return;
                    }
                    lease = new SlotLease(cache.lease(work.prompt(), work.answerCells()), cache, this::clear, cells);
                    work.run(lease);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    submitted.remove(work);
                    if (lease != null) {
                        lease.end();
                    }
                    running.decrementAndGet();
                    giveBackPlace();
                }
            });
        } catch (RuntimeException e) {
            submitted.remove(work);
            throw e;
        }
    }

    private void clear(List<Integer> slotsToClear) {
        for (int slot : slotsToClear) {
            try {
                clearSlot.accept(slot);
            } catch (RuntimeException e) {
                LOG.warnf(e, "slot %d could not be cleared", slot);
            } finally {
                cache.cleared(slot);
                cells.holds(slot, 0);
            }
        }
    }

    /** Asks every submitted piece of work to stop ({@link SlotWork#abort()}). */
    public void abortAll() {
        submitted.forEach(SlotWork::abort);
    }

    /** Waits until nothing is admitted or {@code timeout} passes; whether it became idle. */
    public boolean awaitIdle(Duration timeout) {
        long remaining = timeout.toNanos();
        idleLock.lock();
        try {
            while (admitted.get() > 0) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = becameIdle.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return admitted.get() == 0;
        } finally {
            idleLock.unlock();
        }
    }

    /** Requests generating now. */
    public int running() {
        return running.get();
    }

    /** Requests admitted and waiting for a slot. */
    public int waiting() {
        return Math.max(0, admitted.get() - running.get());
    }

    /** Number of slots. */
    public int slots() {
        return slots;
    }

    /** Queue bound. */
    public int maxQueue() {
        return maxQueue;
    }

    /** Requests admitted: running or waiting. */
    public int admitted() {
        return admitted.get();
    }

    /** Whether nothing is admitted. */
    public boolean idle() {
        return admitted.get() == 0;
    }

    /** Stops the slot threads after the current work (they are daemon threads and never block exit). */
    public void shutdown() {
        executor.shutdown();
    }
}
