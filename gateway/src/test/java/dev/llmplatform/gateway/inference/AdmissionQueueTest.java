package dev.llmplatform.gateway.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.gateway.backend.BackendFailure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AdmissionQueueTest {

    @Test
    void grantsUpToTheLimitThenQueuesThenRefusesWith429() throws Exception {
        AdmissionQueue queue = new AdmissionQueue(2, 1, 10_000, 3);
        var a = queue.acquire().get();
        var b = queue.acquire().get();
        CompletableFuture<AdmissionQueue.Permit> c = queue.acquire();
        assertFalse(c.isDone());
        assertEquals(1, queue.queued());
        BackendFailure refused = assertThrows(BackendFailure.class, queue::acquire);
        assertEquals(BackendFailure.Kind.BUSY, refused.kind());
        assertEquals(3, refused.retryAfterSeconds());
        assertTrue(refused.getMessage().contains("2 running and 1 queued"), refused.getMessage());
        a.release();
        assertTrue(c.isDone(), "the queued request got the freed place");
        a.release();
        assertEquals(2, queue.running(), "releasing twice frees one place only");
        b.release();
        c.get().release();
        assertEquals(0, queue.running());
    }

    @Test
    void aRequestWaitingTooLongIsRefusedAndLeavesTheQueue() {
        AdmissionQueue queue = new AdmissionQueue(1, 4, 100, 1);
        queue.acquire();
        CompletableFuture<AdmissionQueue.Permit> waiting = queue.acquire();
        ExecutionException timedOut = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertEquals(BackendFailure.Kind.BUSY, ((BackendFailure) timedOut.getCause()).kind());
        assertEquals(0, queue.queued());
    }

    @Test
    void theLimitFollowsTheReportedSlotsAndFreedPlacesGoOutInOrder() throws Exception {
        AtomicInteger slots = new AtomicInteger(1);
        AdmissionQueue queue = new AdmissionQueue(slots::get, 8, 10_000, 1);
        var first = queue.acquire().get();
        CompletableFuture<AdmissionQueue.Permit> second = queue.acquire();
        CompletableFuture<AdmissionQueue.Permit> third = queue.acquire();
        assertFalse(second.isDone());
        slots.set(2); // a second endpoint became ready
        queue.dispatch();
        assertTrue(second.isDone(), "the oldest waiting request got the new place");
        assertFalse(third.isDone());
        slots.set(1); // an endpoint left routing: nobody new starts until two have ended
        first.release();
        assertFalse(third.isDone());
        second.get().release();
        assertTrue(third.isDone());
        CompletableFuture<AdmissionQueue.Permit> fourth = queue.acquire();
        assertFalse(fourth.isDone(), "a new request does not pass the waiting ones or the limit");
        slots.set(0);
        third.get().release();
        assertTrue(fourth.isDone(), "a limit of 0 still lets one request run (the router refuses when none is ready)");
    }
}
