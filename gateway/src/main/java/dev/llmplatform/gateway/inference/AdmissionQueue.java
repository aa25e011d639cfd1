package dev.llmplatform.gateway.inference;

import dev.llmplatform.gateway.error.ApiException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounded concurrency plus a bounded FIFO queue for one model. {@link #acquire()} answers at once with a permit
 * when a place is free, queues the request when the queue has room, and refuses with 429 otherwise; a queued
 * request that waits longer than the timeout is refused with 429 too.
 */
public final class AdmissionQueue {

    private final int maxConcurrent;
    private final int maxQueue;
    private final long timeoutMillis;
    private final int retryAfter;
    private final Deque<CompletableFuture<Permit>> waiting = new ArrayDeque<>();
    private int running;

    /** A queue with the given limits. */
    public AdmissionQueue(int maxConcurrent, int maxQueue, long timeoutMillis, int retryAfter) {
        this.maxConcurrent = maxConcurrent;
        this.maxQueue = maxQueue;
        this.timeoutMillis = timeoutMillis;
        this.retryAfter = retryAfter;
    }

    /** A permit now, or later; throws a 429 {@link ApiException} at once when the queue is full. */
    public synchronized CompletableFuture<Permit> acquire() {
        if (running < maxConcurrent) {
            running++;
            return CompletableFuture.completedFuture(new Permit());
        }
        if (waiting.size() >= maxQueue) {
            throw ApiException.overloaded("Too many requests for this model: " + running + " running and "
                    + waiting.size() + " queued (limits " + maxConcurrent + " and " + maxQueue + ")", retryAfter);
        }
        CompletableFuture<Permit> ticket = new CompletableFuture<>();
        waiting.addLast(ticket);
        return ticket.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).handle((permit, failure) -> {
            if (failure != null) {
                forget(ticket);
                throw ApiException.overloaded("Waited " + timeoutMillis + " ms for a free place; retry later",
                        retryAfter);
            }
            return permit;
        });
    }

    /** Requests running now. */
    public synchronized int running() {
        return running;
    }

    /** Requests waiting now. */
    public synchronized int queued() {
        return waiting.size();
    }

    private synchronized void forget(CompletableFuture<Permit> ticket) {
        waiting.remove(ticket);
    }

    /**
     * Hands the place to the first waiting request, or frees it. The ticket is completed outside the lock: completing
     * it starts the waiting request (its gRPC call) on this thread, which must not hold up every other admission.
     */
    private void release() {
        while (true) {
            CompletableFuture<Permit> next;
            synchronized (this) {
                next = waiting.pollFirst();
                if (next == null) {
                    running--;
                    return;
                }
            }
            if (next.complete(new Permit())) {
                return;
            }
            // that ticket timed out meanwhile: the place goes to the next one
        }
    }

    /** The right to run one request; release it exactly once (later calls do nothing). */
    public final class Permit {
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit() {
        }

        /** Gives the place to the next waiting request, if any. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                AdmissionQueue.this.release();
            }
        }
    }
}
