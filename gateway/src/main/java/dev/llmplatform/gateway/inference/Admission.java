package dev.llmplatform.gateway.inference;

import dev.llmplatform.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link AdmissionQueue} per model, with the limits of {@code gateway.admission.*}. */
@ApplicationScoped
public class Admission {

    private final GatewayConfig.Admission limits;
    private final Map<String, AdmissionQueue> queues = new ConcurrentHashMap<>();

    Admission(GatewayConfig config) {
        this.limits = config.admission();
    }

    /** The queue of a model. */
    public AdmissionQueue forModel(String model) {
        return queues.computeIfAbsent(model, m -> new AdmissionQueue(limits.maxConcurrent(), limits.maxQueue(),
                limits.queueTimeout().toMillis(), limits.retryAfter()));
    }
}
