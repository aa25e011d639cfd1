package dev.llmplatform.gateway.inference;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Picks the endpoint for a call among the ready endpoints of a model. Without a prefix key: the least loaded. With
 * one ({@link PrefixKey}): the key's home endpoint by {@link RendezvousHash} (the replica whose slots most likely still
 * hold the conversation's prompt), unless its {@link Endpoint#loadScore()} exceeds the least-loaded endpoint's by
 * more than {@code slack}; then the least loaded. A home that is excluded (already tried) or not ready falls to the
 * next-ranked endpoint for the key, so a conversation moves to one stable replica when its home leaves.
 */
public final class EndpointSelector {

    private static final Comparator<Endpoint> LEAST_LOADED = Comparator.comparingDouble(Endpoint::loadScore)
            .thenComparingInt(Endpoint::inFlight)
            .thenComparing(Endpoint::address);

    private EndpointSelector() {
    }

    /**
     * The ready endpoint with the lowest {@link Endpoint#loadScore()}, skipping the addresses in {@code exclude}
     * (endpoints already tried for this request); ties go to fewer in-flight calls, then to the address order.
     */
    public static Optional<Endpoint> pick(Collection<Endpoint> endpoints, Set<String> exclude) {
        return candidates(endpoints, exclude).stream().min(LEAST_LOADED);
    }

    /**
     * The key's home among the ready endpoints not in {@code exclude}, or the least loaded when the home's load score
     * is more than {@code slack} above the least loaded's. No key, or a negative slack, is {@link #pick(Collection,
     * Set)}.
     */
    public static Optional<Endpoint> pick(Collection<Endpoint> endpoints, Set<String> exclude, OptionalLong key,
                                          double slack) {
        List<Endpoint> candidates = candidates(endpoints, exclude);
        Optional<Endpoint> least = candidates.stream().min(LEAST_LOADED);
        if (key.isEmpty() || slack < 0 || least.isEmpty()) {
            return least;
        }
        long k = key.getAsLong();
        Endpoint home = candidates.stream()
                .max(Comparator.comparingLong((Endpoint e) -> RendezvousHash.weight(k, e.address()))
                        .thenComparing(Endpoint::address))
                .orElseThrow();
        return Optional.of(home.loadScore() - least.get().loadScore() > slack ? least.get() : home);
    }

    private static List<Endpoint> candidates(Collection<Endpoint> endpoints, Set<String> exclude) {
        return endpoints.stream().filter(Endpoint::ready).filter(e -> !exclude.contains(e.address())).toList();
    }
}
