package dev.llmplatform.inference.health;

import dev.llmplatform.inference.model.ServedModel;
import dev.llmplatform.inference.model.ServiceState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * Started once loading has ended, well or badly: a startup probe covers the download and the load, however long
 * they take, and then liveness ({@link ModelLivenessCheck}) takes over, which fails after a failed load so the
 * orchestrator restarts the service with its back-off instead of keeping a broken pod (and its GPU) forever.
 */
@Startup
@ApplicationScoped
public class ModelStartupCheck implements HealthCheck {

    private final ServedModel model;

    ModelStartupCheck(ServedModel model) {
        this.model = model;
    }

    @Override
    public HealthCheckResponse call() {
        ServiceState state = model.state();
        return HealthCheckResponse.named("model-load").status(!(state instanceof ServiceState.Loading))
                .withData("state", state.label()).build();
    }
}
