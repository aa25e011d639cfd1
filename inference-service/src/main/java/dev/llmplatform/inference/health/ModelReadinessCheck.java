package dev.llmplatform.inference.health;

import dev.llmplatform.inference.model.ServedModel;
import dev.llmplatform.inference.model.ServiceState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the model is loaded, warmed up and the service is not draining. */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {

    private final ServedModel model;

    ModelReadinessCheck(ServedModel model) {
        this.model = model;
    }

    @Override
    public HealthCheckResponse call() {
        ServiceState state = model.state();
        return HealthCheckResponse.named("model").status(state instanceof ServiceState.Ready)
                .withData("state", state.label()).build();
    }
}
