package dev.llmplatform.inference.model;

import java.util.Locale;
import java.util.Optional;

/**
 * Where the service is in its life; held atomically by {@link ServedModel}. Only {@link Ready} accepts requests;
 * {@link Draining} still serves the requests it admitted.
 */
public sealed interface ServiceState {

    /** Resolving, validating, loading or warming up the model. */
    record Loading() implements ServiceState {
    }

    /** Loaded and warmed up; accepting requests. */
    record Ready(ModelSession session) implements ServiceState {
    }

    /** The model was refused or failed to load; the reason is logged and reported. */
    record Failed(String reason) implements ServiceState {
    }

    /** Shutting down: no new requests; the admitted ones finish or are stopped at the drain timeout. */
    record Draining(ModelSession session) implements ServiceState {
    }

    /** The loaded model's session, in the states that have one. */
    default Optional<ModelSession> loadedSession() {
        if (this instanceof Ready ready) {
            return Optional.of(ready.session());
        }
        return this instanceof Draining draining ? Optional.of(draining.session()) : Optional.empty();
    }

    /** The state's name for health checks and logs: loading, ready, failed or draining. */
    default String label() {
        return getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
