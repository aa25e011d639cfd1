package dev.llmplatform.tokenizer.grpc;

import dev.llmplatform.tokenizer.TokenizersConfig;
import dev.llmplatform.tokenizer.error.BusyException;
import dev.llmplatform.tokenizer.error.CallCancelledException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Admission by size: the UTF-8 bytes of request text being worked on, over all calls, stay within a budget
 * ({@code tokenizers.max-bytes-in-flight}), so the memory that tokenizing takes (a multiple of the text, see README.md)
 * is bounded however many large requests arrive. A call that does not fit waits, first come first served, up to
 * {@code tokenizers.admission-wait-millis}, and is then refused with RESOURCE_EXHAUSTED. A call larger than the whole
 * budget takes all of it (it runs alone).
 */
public final class BytesInFlight {

    private final int budget;
    private final long waitMillis;
    private final Semaphore room;

    /** A budget of {@code budget} bytes (at most 2 GiB - 1); calls wait up to {@code waitMillis} for room. */
    public BytesInFlight(long budget, long waitMillis) {
        if (budget < 1) {
            throw new IllegalArgumentException("tokenizers.max-bytes-in-flight must be at least 1, not " + budget);
        }
        this.budget = (int) Math.min(Integer.MAX_VALUE, budget);
        this.waitMillis = Math.max(0, waitMillis);
        this.room = new Semaphore(this.budget, true);
    }

    /** The budget of {@code config}. */
    public static BytesInFlight fromConfig(TokenizersConfig config) {
        return new BytesInFlight(config.maxBytesInFlight(), config.admissionWaitMillis());
    }

    /**
     * Runs {@code work} once {@code bytes} fit in the budget.
     *
     * @throws BusyException when they did not fit within the wait
     */
    public <T> T run(long bytes, Supplier<T> work) {
        int permits = (int) Math.max(1, Math.min(budget, bytes));
        long start = System.nanoTime();
        try {
            if (!room.tryAcquire(permits, waitMillis, TimeUnit.MILLISECONDS)) {
                throw new BusyException(bytes, budget - room.availablePermits(), budget,
                        (System.nanoTime() - start) / 1_000_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallCancelledException(false);
        }
        try {
            return work.get();
        } finally {
            room.release(permits);
        }
    }

    /** Bytes taken now (for metrics and tests). */
    public long inUse() {
        return budget - room.availablePermits();
    }
}
