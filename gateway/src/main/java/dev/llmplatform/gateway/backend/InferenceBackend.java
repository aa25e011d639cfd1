package dev.llmplatform.gateway.backend;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;

/**
 * What the HTTP and WebSocket code ask of the inference services: generate, describe the served models, render a
 * chat with a model's template. Implemented by the gRPC router ({@code dev.llmplatform.gateway.inference}); the
 * callers never see gRPC or proto types, and their tests use a fake. Failures are {@link BackendFailure}s, which
 * {@link dev.llmplatform.gateway.error.ErrorMapping} turns into the client's error.
 */
public interface InferenceBackend {

    /**
     * Starts a generation. Refusals known before anything is sent (unknown model, no ready endpoint, admission queue
     * full) are thrown as {@link BackendFailure}; everything later goes to the listener.
     */
    GenerationHandle generate(GenerationRequest request, GenerationListener listener);

    /** The models with at least one ready endpoint, sorted by name. */
    List<ServedModel> readyModels();

    /**
     * Whether the backend has looked for its models once (found or not): until then an empty model list means "not
     * looked yet", not "none".
     */
    default boolean discovered() {
        return true;
    }

    /** A model some endpoint reported, ready or not; empty when no endpoint serves it. */
    Optional<ServedModel> model(String name);

    /**
     * Embeds texts with a model whose endpoints embed ({@link ServedModel#embeds()}): one vector per input, in order.
     * Fails with a BackendFailure.
     */
    Uni<List<Embedded>> embed(String model, List<String> inputs);

    /** Renders a chat with the model's chat template, as a generation would see it; fails with a BackendFailure. */
    Uni<RenderedChat> renderChat(String model, Chat chat, boolean addGenerationPrompt);
}
