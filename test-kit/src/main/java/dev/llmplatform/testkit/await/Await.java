package dev.llmplatform.testkit.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The one way the kit and its users wait for something to become true: Awaitility, polling in the caller's thread
 * from the first moment (no initial delay). An exception thrown by a probe ends the wait at once and reaches the
 * caller unchanged, so a probe can give up early (a process that died, a model that was refused).
 */
public final class Await {

    /** The poll interval when none is given. */
    public static final Duration POLL = Duration.ofMillis(50);
    private static final Duration MINIMUM = Duration.ofMillis(1);

    private Await() {
    }

    /**
     * Waits until {@code condition} holds.
     *
     * @throws ConditionTimeoutException naming {@code what} when it does not hold within {@code timeout}
     */
    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        until(condition::getAsBoolean, Boolean.TRUE::equals, timeout, POLL, what);
    }

    /**
     * Polls {@code probe} until its value matches, and returns that value.
     *
     * @throws ConditionTimeoutException naming {@code what} and the last value when none matches within
     *                                   {@code timeout}
     */
    public static <T> T until(Supplier<T> probe, Predicate<? super T> condition, Duration timeout, String what) {
        return until(probe, condition, timeout, POLL, what);
    }

    /** As {@link #until(Supplier, Predicate, Duration, String)}, polling every {@code poll}. */
    public static <T> T until(Supplier<T> probe, Predicate<? super T> condition, Duration timeout, Duration poll,
            String what) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            return Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(poll)
                    .pollInSameThread().until(() -> {
                        T value = probe.get();
                        last.set(value);
                        return value;
                    }, condition::test);
        } catch (ConditionTimeoutException e) {
            throw new ConditionTimeoutException(what + ": not within " + timeout.toMillis() + " ms; last value: "
                    + last.get(), e);
        }
    }

    /**
     * A bounded wait that does not fail: polls {@code probe} until its value matches or {@code timeout} passes, and
     * returns the matching value or else the last one seen.
     */
    public static <T> T untilOrLast(Supplier<T> probe, Predicate<? super T> condition, Duration timeout,
            Duration poll) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            return until(() -> {
                T value = probe.get();
                last.set(value);
                return value;
            }, condition, timeout.compareTo(MINIMUM) < 0 ? MINIMUM : timeout, poll, "bounded wait");
        } catch (ConditionTimeoutException e) {
            return last.get();
        }
    }

    /** A bounded wait that does not fail: whether {@code condition} held within {@code timeout}. */
    public static boolean within(BooleanSupplier condition, Duration timeout, Duration poll) {
        return untilOrLast(condition::getAsBoolean, Boolean.TRUE::equals, timeout, poll);
    }
}
