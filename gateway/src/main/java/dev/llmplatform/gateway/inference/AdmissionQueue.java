package dev.llmplatform.gateway.inference;

import dev.llmplatform.gateway.backend.BackendFailure;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/**
 * Bounded concurrency plus a bounded FIFO queue for one model. The concurrency limit is read when it is needed (it
 * follows the slots the model's endpoints report). {@link #acquire()} answers at once with a permit when a place is
 * free, queues the request when the queue has room, and refuses ({@link BackendFailure.Kind#BUSY}, a 429) otherwise; a queued
 * request that waits longer than the timeout is refused the same way. A freed place goes to the oldest waiting request.
 */
public final class AdmissionQueue {

    private final IntSupplier capacity;
    private final int maxQueue;
    private final long timeoutMillis;
    private final int retryAfter;
    private final Deque<CompletableFuture<Permit>> waiting = new ArrayDeque<>();
    private int running;

    /** A queue with a fixed concurrency limit. */
    public AdmissionQueue(int maxConcurrent, int maxQueue, long timeoutMillis, int retryAfter) {
        this(() -> maxConcurrent, maxQueue, timeoutMillis, retryAfter);
    }

    /** A queue whose concurrency limit is read from {@code capacity} each time (at least 1 is used). */
    public AdmissionQueue(IntSupplier capacity, int maxQueue, long timeoutMillis, int retryAfter) {
        this.capacity = capacity;
        this.maxQueue = maxQueue;
        this.timeoutMillis = timeoutMillis;
        this.retryAfter = retryAfter;
    }

    /** A permit now, or later; throws a BUSY {@link BackendFailure} at once when the queue is full. */
    public CompletableFuture<Permit> acquire() {
        CompletableFuture<Permit> ticket = new CompletableFuture<>();
        synchronized (this) {
            int limit = limit();
            if (running < limit && waiting.isEmpty()) {
                running++;
                return CompletableFuture.completedFuture(new Permit());
            }
            if (waiting.size() >= maxQueue) {
                throw busy("Too many requests for this model: " + running + " running and " + waiting.size()
                        + " queued (limits " + limit + " and " + maxQueue + ")");
            }
            waiting.addLast(ticket);
        }
        dispatch(); // places freed while others waited go out in order, this one included
        return ticket.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).handle((permit, failure) -> {
            if (failure != null) {
                forget(ticket);
                throw busy("Waited " + timeoutMillis + " ms for a free place; retry later");
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

    /**
     * Hands free places to the oldest waiting requests (after a release, or when the capacity grew). Tickets are
     * completed outside the lock: completing one starts that request (its gRPC call) on this thread, which must not
     * hold up every other admission.
     */
    public void dispatch() {
        while (true) {
            CompletableFuture<Permit> next;
            synchronized (this) {
                if (waiting.isEmpty() || running >= limit()) {
                    return;
                }
                next = waiting.pollFirst();
                running++;
            }
            if (!next.complete(new Permit())) {
                synchronized (this) {
                    running--; // that ticket timed out meanwhile: the place goes to the next one
                }
            }
        }
    }

    private BackendFailure busy(String message) {
        return new BackendFailure(BackendFailure.Kind.BUSY, message, retryAfter);
    }

    private int limit() {
        return Math.max(1, capacity.getAsInt());
    }

    private synchronized void forget(CompletableFuture<Permit> ticket) {
        waiting.remove(ticket);
    }

    private void release() {
        synchronized (this) {
            running--;
        }
        dispatch();
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
