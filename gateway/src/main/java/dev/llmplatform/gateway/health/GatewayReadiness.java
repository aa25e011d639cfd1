package dev.llmplatform.gateway.health;

import dev.llmplatform.gateway.backend.InferenceBackend;
import dev.llmplatform.gateway.backend.ServedModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness is the gateway's own: once it answers, it serves HTTP, the web UI and the tokenizer routes. Models come
 * and go with their inference endpoints; a request for a model with no ready endpoint is answered 503 on its own, so
 * an unready model never takes the gateway (and the UI, and the other models) out of its load balancer. The served
 * models are reported as data. Quarkus turns readiness DOWN by itself when shutdown starts.
 */
@Readiness
@ApplicationScoped
public class GatewayReadiness implements HealthCheck {

    private final InferenceBackend backend;

    GatewayReadiness(InferenceBackend backend) {
        this.backend = backend;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("gateway").up()
                .withData("models", backend.readyModels().stream().map(ServedModel::name)
                        .collect(Collectors.joining(",")))
                .build();
    }
}
