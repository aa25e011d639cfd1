package dev.llmplatform.tokenizer.registry;

import dev.llmplatform.tokenizer.error.TokenizerUnavailableException;
import dev.llmplatform.tokenizer.error.UnknownTokenizerException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Failed loads remembered for a while, so a flood of requests for a missing or broken tokenizer does not download or
 * parse again and again: within the time to live the same failure is answered at once. Bounded: the oldest entries
 * are dropped first.
 */
final class FailureCache {

    /** Most failures remembered. */
    static final int MAX_ENTRIES = 4096;

    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Failure> failures = new LinkedHashMap<>();

    private record Failure(RuntimeException error, long until) {
    }

    FailureCache(Duration ttl, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Remembers that loading {@code name} failed with {@code error} (a NOT_FOUND or UNAVAILABLE error). */
    synchronized void remember(String name, RuntimeException error) {
        if (ttlNanos <= 0) {
            return;
        }
        failures.remove(name);
        failures.put(name, new Failure(error, nanoClock.getAsLong() + ttlNanos));
        Iterator<String> oldest = failures.keySet().iterator();
        while (failures.size() > MAX_ENTRIES) {
            oldest.next();
            oldest.remove();
        }
    }

    /** The remembered failure of {@code name}, marked as remembered, while it is still fresh. */
    synchronized Optional<RuntimeException> recent(String name) {
        Failure failure = failures.get(name);
        if (failure == null) {
            return Optional.empty();
        }
        long left = failure.until() - nanoClock.getAsLong();
        if (left <= 0) {
            failures.remove(name);
            return Optional.empty();
        }
        long seconds = Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
        if (failure.error() instanceof UnknownTokenizerException unknown) {
            return Optional.of(unknown.remembered(seconds));
        }
        if (failure.error() instanceof TokenizerUnavailableException unavailable) {
            return Optional.of(unavailable.remembered(seconds));
        }
        return Optional.of(failure.error());
    }
}
