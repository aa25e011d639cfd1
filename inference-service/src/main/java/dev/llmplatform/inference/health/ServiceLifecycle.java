package dev.llmplatform.inference.health;

import dev.llmplatform.inference.config.InferenceConfig;
import dev.llmplatform.inference.generation.GenerationService;
import dev.llmplatform.inference.model.ModelRuntime;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.quarkus.grpc.runtime.health.GrpcHealthStorage;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Start-up and shutdown order. Start: gRPC health NOT_SERVING, load in the background, SERVING once warmed up.
 * Shutdown: readiness DOWN and NOT_SERVING first (at the shutdown delay, when enabled), then running streams get
 * {@code inference.drain-timeout} to finish before they end with an error Final, then the model is closed.
 */
@Singleton
public class ServiceLifecycle {

    /** The gRPC service name reported by the standard health service. */
    public static final String SERVICE_NAME = "llmplatform.inference.v1.InferenceService";
    private static final Logger LOG = Logger.getLogger(ServiceLifecycle.class);

    @Inject
    ModelRuntime runtime;
    @Inject
    GenerationService generations;
    @Inject
    GrpcHealthStorage health;
    @Inject
    InferenceConfig config;

    void onStart(@Observes StartupEvent event) {
        serving(false);
        generations.initialise();
        runtime.startLoading(loaded -> {
            generations.modelReady(loaded);
            serving(true);
        });
    }

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        LOG.info("shutdown: readiness DOWN, refusing new generations");
        runtime.beginDrain();
        serving(false);
    }

    void onStop(@Observes ShutdownEvent event) {
        runtime.beginDrain();
        serving(false);
        generations.drain(config.drainTimeout().toMillis());
        runtime.close();
        LOG.info("shutdown: model closed");
    }

    private void serving(boolean up) {
        ServingStatus status = up ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        health.setStatus(GrpcHealthStorage.DEFAULT_SERVICE_NAME, status);
        health.setStatus(SERVICE_NAME, status);
    }
}
