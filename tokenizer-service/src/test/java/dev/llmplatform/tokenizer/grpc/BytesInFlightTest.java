package dev.llmplatform.tokenizer.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.tokenizer.error.BusyException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Admission by size: calls share a budget of UTF-8 bytes; one that does not fit waits briefly, then is refused. */
class BytesInFlightTest {

    @Test
    void aCallThatDoesNotFitWaitsThenIsRefusedWithTheNumbers() throws Exception {
        BytesInFlight budget = new BytesInFlight(100, 200);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> big = CompletableFuture.supplyAsync(() -> budget.run(80, () -> {
            holding.countDown();
            await(release);
            return 80;
        }));
        try {
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            assertEquals(80, budget.inUse());
            assertEquals(20, budget.run(20, () -> 20), "what fits runs at once");
            long start = System.nanoTime();
            BusyException busy = assertThrows(BusyException.class, () -> budget.run(30, () -> 30));
            assertTrue(System.nanoTime() - start >= 150_000_000L, "it waited for room first");
            assertTrue(busy.getMessage().startsWith("the service is busy: 80 UTF-8 bytes of text are being worked on "
                    + "and this call needs 30 more, over the limit of 100 bytes in flight "
                    + "(tokenizers.max-bytes-in-flight); waited "), busy.getMessage());
        } finally {
            release.countDown();
        }
        assertEquals(80, big.get(10, TimeUnit.SECONDS));
        assertEquals(0, budget.inUse(), "released after the call, failed or not");
    }

    @Test
    void aCallLargerThanTheBudgetRunsAloneAndAFailureReleasesItsRoom() throws Exception {
        BytesInFlight budget = new BytesInFlight(100, 5_000);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> small = CompletableFuture.supplyAsync(() -> budget.run(10, () -> {
            holding.countDown();
            await(release);
            return 10;
        }));
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        CompletableFuture<Long> huge = CompletableFuture.supplyAsync(() -> budget.run(1_000, budget::inUse));
        Thread.sleep(100);
        assertTrue(!huge.isDone(), "the large call waits for the running one");
        release.countDown();
        assertEquals(100, huge.get(10, TimeUnit.SECONDS), "it took the whole budget");
        assertEquals(10, small.get(10, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, () -> budget.run(50, () -> {
            throw new IllegalStateException("failed");
        }));
        assertEquals(0, budget.inUse());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
