package dev.llmplatform.inference.health;

import dev.llmplatform.inference.model.ModelRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the model is loaded, warmed up and the service is not draining. */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {

    @Inject
    ModelRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("model").status(runtime.ready())
                .withData("state", runtime.state().name().toLowerCase(java.util.Locale.ROOT)).build();
    }
}
