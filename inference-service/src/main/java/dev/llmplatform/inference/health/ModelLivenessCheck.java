package dev.llmplatform.inference.health;

import dev.llmplatform.inference.model.ServedModel;
import dev.llmplatform.inference.model.ServiceState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/** Alive unless the model failed to load; the reason is in the check's data (and the log). */
@Liveness
@ApplicationScoped
public class ModelLivenessCheck implements HealthCheck {

    private final ServedModel model;

    ModelLivenessCheck(ServedModel model) {
        this.model = model;
    }

    @Override
    public HealthCheckResponse call() {
        ServiceState state = model.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("model")
                .status(!(state instanceof ServiceState.Failed)).withData("state", state.label());
        if (state instanceof ServiceState.Failed failed) {
            response.withData("reason", failed.reason());
        }
        return response.build();
    }
}
