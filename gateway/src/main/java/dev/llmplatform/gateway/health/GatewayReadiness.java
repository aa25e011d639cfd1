package dev.llmplatform.gateway.health;

import dev.llmplatform.gateway.backend.InferenceBackend;
import dev.llmplatform.gateway.backend.ServedModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness is the gateway's own: once it has probed its inference endpoints once (a few seconds at most, whatever
 * the probes find), it serves HTTP, the web UI and the tokenizer routes. Models come and go with their inference
 * endpoints; a request for a model with no ready endpoint is answered 503 on its own, so an unready model never takes
 * the gateway (and the UI, and the other models) out of its load balancer. The served models are reported as data.
 * Waiting for the first round means a gateway started after its backends lists their models as soon as it is ready.
 * Quarkus turns readiness DOWN by itself when shutdown starts.
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
        if (!backend.discovered()) {
            return HealthCheckResponse.named("gateway").down()
                    .withData("reason", "probing the inference endpoints for the first time").build();
        }
        return HealthCheckResponse.named("gateway").up()
                .withData("models", backend.readyModels().stream().map(ServedModel::name)
                        .collect(Collectors.joining(",")))
                .build();
    }
}
