package dev.llmplatform.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WarmupTest {

    @Test
    void zeroSecondsStillRunsTheStepOnce() {
        AtomicInteger runs = new AtomicInteger();
        assertEquals(1, Warmup.forSeconds(0, runs::incrementAndGet));
        assertEquals(1, runs.get());
    }

    @Test
    void runsUntilTheTimeHasPassed() {
        long start = System.nanoTime();
        int count = Warmup.forSeconds(1, () -> sleepMillis(200));
        assertTrue(System.nanoTime() - start >= 1_000_000_000L, "returned before one second");
        assertTrue(count >= 5, "200 ms steps for one second run at least 5 times, ran " + count);
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
