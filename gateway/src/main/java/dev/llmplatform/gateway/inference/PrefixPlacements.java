package dev.llmplatform.gateway.inference;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each recent conversation (its {@link PrefixKey}) was last sent: the replica whose slots hold its cells now.
 * A turn that had to leave its rendezvous home for load, or whose home failed, then keeps to the replica it moved to
 * instead of going back to a home that no longer holds it. Bounded: the least recently used keys are forgotten, and
 * a forgotten key falls back to its rendezvous home. Each gateway keeps its own; gateways that share no memory still
 * agree on the rendezvous home.
 */
final class PrefixPlacements {

    /** Keys remembered per gateway: a few MiB, far more conversations than a platform's slots hold at once. */
    static final int DEFAULT_CAPACITY = 65_536;

    private final Map<Long, String> lastSentTo;

    /** Remembers at most {@code capacity} keys (0: none). */
    PrefixPlacements(int capacity) {
        this.lastSentTo = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The address a request with this key was last sent to, if remembered. */
    synchronized Optional<String> lastSentTo(long key) {
        return Optional.ofNullable(lastSentTo.get(key));
    }

    /** A request with this key was sent to {@code address}. */
    synchronized void sentTo(long key, String address) {
        lastSentTo.put(key, address);
    }
}
