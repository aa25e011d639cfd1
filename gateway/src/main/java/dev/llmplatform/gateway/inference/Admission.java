package dev.llmplatform.gateway.inference;

import dev.llmplatform.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link AdmissionQueue} per model. The requests of a model in flight at once are as many as its ready
 * endpoints have slots (the sum of {@code slots} from their GetLoad reports), capped by
 * {@code gateway.admission.max-concurrent}; the rest wait in the gateway's queue ({@code max-queue}, at most
 * {@code queue-timeout}) and each freed place goes to the oldest waiting request, which is routed to the least-loaded
 * endpoint, the one that just freed a slot. So requests queue here, where they can still go to any endpoint, and not
 * in one backend's own queue.
 */
@ApplicationScoped
public class Admission {

    private final GatewayConfig.Admission limits;
    private final EndpointRegistry registry;
    private final Map<String, AdmissionQueue> queues = new ConcurrentHashMap<>();

    Admission(GatewayConfig config, EndpointRegistry registry) {
        this.limits = config.admission();
        this.registry = registry;
    }

    /** The queue of a model. */
    public AdmissionQueue forModel(String model) {
        return queues.computeIfAbsent(model, m -> new AdmissionQueue(
                () -> Math.min(limits.maxConcurrent(), registry.readySlots(m)), limits.maxQueue(),
                limits.queueTimeout().toMillis(), limits.retryAfter()));
    }

    /** Slots may have been added: waiting requests get the new places. */
    void onRefresh(@Observes EndpointsRefreshed event) {
        queues.values().forEach(AdmissionQueue::dispatch);
    }
}
