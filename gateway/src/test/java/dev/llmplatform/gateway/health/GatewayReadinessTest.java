package dev.llmplatform.gateway.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmplatform.gateway.backend.Chat;
import dev.llmplatform.gateway.backend.Embedded;
import dev.llmplatform.gateway.backend.GenerationHandle;
import dev.llmplatform.gateway.backend.GenerationListener;
import dev.llmplatform.gateway.backend.GenerationRequest;
import dev.llmplatform.gateway.backend.InferenceBackend;
import dev.llmplatform.gateway.backend.RenderedChat;
import dev.llmplatform.gateway.backend.ServedModel;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Readiness waits for the first look at the inference endpoints, and then never depends on what it found. */
class GatewayReadinessTest {

    private static InferenceBackend backend(boolean discovered) {
        return new InferenceBackend() {
            @Override
            public GenerationHandle generate(GenerationRequest request, GenerationListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<ServedModel> readyModels() {
                return List.of();
            }

            @Override
            public Optional<ServedModel> model(String name) {
                return Optional.empty();
            }

            @Override
            public Uni<RenderedChat> renderChat(String model, Chat chat, boolean addGenerationPrompt) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Uni<List<Embedded>> embed(String model, List<String> inputs) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean discovered() {
                return discovered;
            }
        };
    }

    @Test
    void downUntilTheEndpointsWereProbedOnce() {
        HealthCheckResponse response = new GatewayReadiness(backend(false)).call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals(Optional.of(Map.of("reason", "probing the inference endpoints for the first time")),
                response.getData());
    }

    @Test
    void upOnceProbedEvenWithNoModelReady() {
        HealthCheckResponse response = new GatewayReadiness(backend(true)).call();
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals("", response.getData().orElseThrow().get("models"));
    }
}
