package dev.llmplatform.inference.health;

import dev.llmplatform.inference.config.InferenceConfig;
import dev.llmplatform.inference.model.ServedModel;
import dev.llmplatform.inference.model.ServiceState;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.quarkus.grpc.runtime.health.GrpcHealthStorage;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Start-up and shutdown order. Start: load in the background; the gRPC health service follows the state (SERVING
 * only while ready). Shutdown: readiness DOWN and NOT_SERVING first (at the shutdown delay, when enabled), then
 * running streams get {@code inference.drain-timeout} to finish before they end with an error Final, then the model
 * is closed.
 */
@Singleton
public class ServiceLifecycle {

    /** The gRPC service name reported by the standard health service. */
    public static final String SERVICE_NAME = "llmplatform.inference.v1.InferenceService";
    private static final Logger LOG = Logger.getLogger(ServiceLifecycle.class);

    private final ServedModel model;
    private final GrpcHealthStorage health;
    private final InferenceConfig config;

    ServiceLifecycle(ServedModel model, GrpcHealthStorage health, InferenceConfig config) {
        this.model = model;
        this.health = health;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        serving(false);
        model.startLoading();
    }

    void onTransition(@Observes ServiceState state) {
        serving(state instanceof ServiceState.Ready);
    }

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        LOG.info("shutdown: readiness DOWN, refusing new generations");
        model.beginDrain();
    }

    void onStop(@Observes ShutdownEvent event) {
        model.beginDrain();
        model.drainAndClose(config.drainTimeout());
        LOG.info("shutdown: model closed");
    }

    private void serving(boolean up) {
        ServingStatus status = up ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        health.setStatus(GrpcHealthStorage.DEFAULT_SERVICE_NAME, status);
        health.setStatus(SERVICE_NAME, status);
    }
}
