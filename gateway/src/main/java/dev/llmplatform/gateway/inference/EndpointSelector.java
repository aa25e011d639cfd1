package dev.llmplatform.gateway.inference;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/** Least-loaded selection among the ready endpoints of a model. */
public final class EndpointSelector {

    private EndpointSelector() {
    }

    /**
     * The ready endpoint with the lowest {@link Endpoint#loadScore()}, skipping the addresses in {@code exclude}
     * (endpoints already tried for this request); ties go to fewer in-flight calls, then to the address order.
     */
    public static Optional<Endpoint> pick(Collection<Endpoint> endpoints, Set<String> exclude) {
        return endpoints.stream()
                .filter(Endpoint::ready)
                .filter(e -> !exclude.contains(e.address()))
                .min(Comparator.comparingDouble(Endpoint::loadScore)
                        .thenComparingInt(Endpoint::inFlight)
                        .thenComparing(Endpoint::address));
    }
}
