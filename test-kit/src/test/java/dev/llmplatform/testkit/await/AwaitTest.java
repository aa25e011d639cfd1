package dev.llmplatform.testkit.await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

class AwaitTest {

    private static final Duration POLL = Duration.ofMillis(1);
    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void returnsTheFirstMatchingValueAndAsksNoMore() {
        AtomicInteger calls = new AtomicInteger();
        int value = Await.until(calls::incrementAndGet, n -> n == 3, LONG, POLL, "three calls");
        assertEquals(3, value);
        assertEquals(3, calls.get(), "the probe is not asked again once it matched");
    }

    @Test
    void asksAtOnceWithoutAnInitialDelay() {
        AtomicInteger calls = new AtomicInteger();
        Await.until(() -> calls.incrementAndGet() > 0, LONG, "a true condition");
        assertEquals(1, calls.get());
    }

    @Test
    void aTimeoutNamesWhatWasAwaitedAndTheLastValue() {
        ConditionTimeoutException e = assertThrows(ConditionTimeoutException.class,
                () -> Await.until(() -> "still loading", "ready"::equals, Duration.ofMillis(30), POLL,
                        "the model is ready"));
        assertTrue(e.getMessage().contains("the model is ready"), e.getMessage());
        assertTrue(e.getMessage().contains("still loading"), e.getMessage());
    }

    @Test
    void anExceptionFromTheProbeEndsTheWaitUnchanged() {
        IllegalStateException died = new IllegalStateException("the process exited");
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Await.until(() -> {
            calls.incrementAndGet();
            throw died;
        }, v -> true, LONG, POLL, "never"));
        assertSame(died, thrown);
        assertEquals(1, calls.get());
    }

    @Test
    void boundedWaitsReportInsteadOfFailing() {
        AtomicInteger calls = new AtomicInteger();
        assertTrue(Await.within(() -> calls.incrementAndGet() >= 2, LONG, POLL));
        assertFalse(Await.within(() -> false, Duration.ofMillis(20), POLL));
        assertEquals(7, Await.untilOrLast(() -> 7, v -> v > 10, Duration.ofMillis(20), POLL),
                "the last value when none matched");
        assertEquals(12, Await.untilOrLast(() -> 12, v -> v > 10, Duration.ofMillis(20), POLL));
        assertEquals(1, Await.untilOrLast(() -> 1, v -> v > 10, Duration.ofNanos(-5), POLL),
                "an elapsed deadline still asks once");
    }
}
