package dev.llmplatform.gateway.inference;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Picks the endpoint for a call among the ready endpoints of a model. Without a prefix key: the least loaded. With
 * one ({@link PrefixKey}): the key's home, which is the endpoint the key was last sent to ({@link PrefixPlacements})
 * or else its {@link RendezvousHash} winner (the replica whose slots most likely still hold the conversation's
 * prompt), unless its {@link Endpoint#loadScore()} exceeds the least-loaded endpoint's by more than {@code slack}, or
 * it has no free slot while the least loaded has one; then the least loaded. A home that is excluded (already tried)
 * or not ready falls to the next-ranked endpoint for the key, so a conversation moves to one stable replica when its
 * home leaves.
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

    /** {@link #pick(Collection, Set, OptionalLong, double, Optional)} for a key not sent anywhere yet. */
    public static Optional<Endpoint> pick(Collection<Endpoint> endpoints, Set<String> exclude, OptionalLong key,
                                          double slack) {
        return pick(endpoints, exclude, key, slack, Optional.empty());
    }

    /**
     * The key's home among the ready endpoints not in {@code exclude}: {@code lastSentTo} when it is one of them, else
     * the key's rendezvous winner. The least loaded instead when the home's load score is more than {@code slack}
     * above the least loaded's, or when the home's slots are all taken (score 1 or more) and the least loaded has a
     * free one: waiting for a slot costs a whole answer, evaluating the prompt elsewhere costs only its prefill. No
     * key, or a negative slack, is {@link #pick(Collection, Set)}.
     */
    public static Optional<Endpoint> pick(Collection<Endpoint> endpoints, Set<String> exclude, OptionalLong key,
                                          double slack, Optional<String> lastSentTo) {
        List<Endpoint> candidates = candidates(endpoints, exclude);
        Optional<Endpoint> least = candidates.stream().min(LEAST_LOADED);
        if (key.isEmpty() || slack < 0 || least.isEmpty()) {
            return least;
        }
        long k = key.getAsLong();
        Endpoint home = candidates.stream().filter(e -> lastSentTo.filter(e.address()::equals).isPresent())
                .findFirst()
                .orElseGet(() -> candidates.stream()
                        .max(Comparator.comparingLong((Endpoint e) -> RendezvousHash.weight(k, e.address()))
                                .thenComparing(Endpoint::address))
                        .orElseThrow());
        Endpoint leastLoaded = least.get();
        boolean withinSlack = home.loadScore() - leastLoaded.loadScore() <= slack;
        boolean queuesWhileAnotherIsFree = home.loadScore() >= 1 && leastLoaded.loadScore() < 1;
        return Optional.of(withinSlack && !queuesWhileAnotherIsFree ? home : leastLoaded);
    }

    private static List<Endpoint> candidates(Collection<Endpoint> endpoints, Set<String> exclude) {
        return endpoints.stream().filter(Endpoint::ready).filter(e -> !exclude.contains(e.address())).toList();
    }
}
