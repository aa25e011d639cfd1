package dev.llmplatform.gateway.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.gateway.error.ApiException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
        ApiException refused = assertThrows(ApiException.class, queue::acquire);
        assertEquals(429, refused.status());
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
        assertEquals(429, ((ApiException) timedOut.getCause()).status());
        assertEquals(0, queue.queued());
    }
}
