package dev.llmplatform.gateway.health;

import dev.llmplatform.gateway.inference.EndpointRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when at least one model is served by a ready inference endpoint: a gateway that can answer no chat is not
 * ready, so start scripts and Kubernetes wait until a model is loaded. The tokenizer service is deliberately not
 * part of readiness (tokenizer calls fail fast with 503 on their own, and chat does not need it).
 */
@Readiness
@ApplicationScoped
public class InferenceReadiness implements HealthCheck {

    private final EndpointRegistry registry;

    InferenceReadiness(EndpointRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        Set<String> models = registry.readyModels();
        return HealthCheckResponse.named("inference-endpoints").status(!models.isEmpty())
                .withData("models", String.join(",", models))
                .withData("endpoints", registry.all().size()).build();
    }
}
