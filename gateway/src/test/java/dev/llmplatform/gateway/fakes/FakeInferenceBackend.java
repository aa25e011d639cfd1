package dev.llmplatform.gateway.fakes;

import dev.llmplatform.gateway.backend.BackendFailure;
import dev.llmplatform.gateway.backend.BackendFailure.Kind;
import dev.llmplatform.gateway.backend.Chat;
import dev.llmplatform.gateway.backend.Embedded;
import dev.llmplatform.gateway.backend.GenerationLimits;
import dev.llmplatform.gateway.backend.GenerationListener;
import dev.llmplatform.gateway.backend.GenerationRequest;
import dev.llmplatform.gateway.backend.GenerationResult;
import dev.llmplatform.gateway.backend.InferenceBackend;
import dev.llmplatform.gateway.backend.Progress;
import dev.llmplatform.gateway.backend.RenderedChat;
import dev.llmplatform.gateway.backend.ServedModel;
import dev.llmplatform.gateway.error.ModelNotFound;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link InferenceBackend} of the HTTP and WebSocket tests: no gRPC. It serves {@link #MODEL} (ready) and
 * {@link #LOADING} (no ready endpoint: 503), refuses out-of-range values the way the inference service does
 * ({@link FakeValidation}), and scripts answers by the last message (or the prompt): "slow" streams a piece every
 * 50 ms until cancelled, "busy" is BUSY, "overflow" a prompt over the context, "die" and "stall" fail after two
 * pieces, "prefill" sends only progress for 1.5 s and then answers, "broken" is a broken chat template, "call" answers
 * {@link #CALL}, "hermes" {@link #HERMES}; anything else
 * answers {@link #PIECES}. Excluded in the profile that runs the real gRPC router ({@code GrpcBackendProfile}). A
 * singleton (no client proxy), so the tests read its counters directly.
 */
@Alternative
@Priority(1)
@Singleton
public class FakeInferenceBackend implements InferenceBackend {

    /** The served model. */
    public static final String MODEL = "fake-model";
    /**
     * A model served for embeddings (width 8, at most 4 inputs): each text's vector is 1 at the text's length modulo
     * 8; a text "busy" is BUSY, "overflow" over the context, "" refused as the service does. Served by name only: the
     * list of ready models leaves it out, so that the tests of a gateway with one model keep one.
     */
    public static final String EMBEDDER = "fake-embedder";
    /** A model whose endpoints are all loading. */
    public static final String LOADING = "loading-model";
    /** The pieces of a normal answer. */
    public static final List<String> PIECES = List.of("Once", " upon", " a", " time", " ¡olé! 🐉");
    /** The pieces of the answer to "hermes": text, then a call of "weather" as Qwen2.5's template asks for it. */
    public static final List<String> HERMES = List.of("Let me look.", "\n<tool", "_call>\n{\"name\": \"weather\", ",
            "\"arguments\": {\"city\": \"Paris\"}}\n</tool_call>");
    /** The pieces of the answer to "call": the JSON of a call of the tool "weather". */
    public static final List<String> CALL = List.of("{\"name\": \"weather\", ", "\"arguments\": {\"city\": ",
            "\"Paris\"}}");
    /** The limits the model publishes (those of the real service for a 256-token context). */
    public static final GenerationLimits LIMITS = new GenerationLimits(1000, 4, 256, 10_000, 2, 2,
            Integer.MAX_VALUE, 256 * 32, 256, 16_384, 1024);

    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "fake-inference-backend");
        thread.setDaemon(true);
        return thread;
    });
    /** Generations received (refused ones included). */
    public final AtomicInteger calls = new AtomicInteger();
    /** Generations cancelled by the gateway. */
    public final AtomicInteger cancelled = new AtomicInteger();
    /** The last generation received. */
    public final AtomicReference<GenerationRequest> lastRequest = new AtomicReference<>();
    /** The last chat rendered. */
    public final AtomicReference<Chat> lastRendered = new AtomicReference<>();
    /** When set, a second ready model ("other-model") is served too. */
    public final AtomicBoolean secondModel = new AtomicBoolean();

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    @Override
    public FakeGeneration generate(GenerationRequest request, GenerationListener listener) {
        calls.incrementAndGet();
        lastRequest.set(request);
        if (LOADING.equals(request.model())) {
            throw new BackendFailure(Kind.UNAVAILABLE, "No endpoint of the model '" + LOADING + "' is ready"
                    + " (1 known: loading, draining or unreachable); retry later", 1);
        }
        if (model(request.model()).isEmpty()) {
            throw new BackendFailure(Kind.MODEL_NOT_FOUND, ModelNotFound.message(request.model(),
                    readyModels().stream().map(ServedModel::name).toList()));
        }
        if (EMBEDDER.equals(request.model())) {
            throw new BackendFailure(Kind.WRONG_ENDPOINT, "The model '" + EMBEDDER + "' serves embeddings and does"
                    + " not generate text; use POST /v1/embeddings");
        }
        FakeGeneration generation = new FakeGeneration(listener, timer, cancelled);
        String refusal = FakeValidation.refusal(request);
        if (refusal != null) {
            generation.later(0, g -> g.fail(new BackendFailure(Kind.INVALID_ARGUMENT, refusal)));
            return generation;
        }
        script(lastText(request), generation);
        return generation;
    }

    private static void script(String text, FakeGeneration g) {
        switch (text) {
            case "busy" -> g.later(0, x -> x.fail(new BackendFailure(Kind.BUSY,
                    "The model '" + MODEL + "' is at capacity; retry later", 2)));
            case "overflow" -> g.later(0, x -> x.fail(new BackendFailure(Kind.INVALID_ARGUMENT, "prompt has 3001"
                    + " tokens and max_tokens is 64, together over the slot's context of 256 tokens")));
            case "broken" -> g.later(0, x -> x.fail(new BackendFailure(Kind.TEMPLATE_UNAVAILABLE, "chats cannot be"
                    + " served: the template does not compile; completions (a raw prompt) still run")));
            case "slow" -> g.every(50, x -> x.chunk(" tick"));
            case "die" -> g.later(0, x -> x.chunk("Once").chunk(" upon").fail(new BackendFailure(Kind.FAILED,
                    "The inference service failed (INTERNAL)")));
            case "stall" -> {
                g.later(0, x -> x.chunk("Once").chunk(" upon"));
                g.later(300, x -> x.fail(new BackendFailure(Kind.STALLED, "The inference endpoint serving the model '"
                        + MODEL + "' sent nothing for 2 s; the answer was cut off")));
            }
            case "prefill" -> {
                for (int beat = 1; beat <= 5; beat++) {
                    double elapsed = beat * 300;
                    g.later(beat * 300L, x -> x.progress(new Progress(Progress.Phase.PROMPT, elapsed, 0)));
                }
                g.later(1_600, FakeInferenceBackend::answer);
            }
            case "hermes" -> g.later(0, x -> {
                HERMES.forEach(x::chunk);
                x.finish(new GenerationResult(GenerationResult.FinishReason.STOP, 9, HERMES.size(), 0,
                        new GenerationResult.Timings(10, 80, 60, 0)));
            });
            case "call" -> g.later(0, x -> {
                CALL.forEach(x::chunk);
                x.finish(new GenerationResult(GenerationResult.FinishReason.STOP, 9, CALL.size(), 0,
                        new GenerationResult.Timings(10, 80, 60, 0)));
            });
            default -> g.later(0, FakeInferenceBackend::answer);
        }
    }

    private static void answer(FakeGeneration g) {
        PIECES.forEach(g::chunk);
        g.finish(new GenerationResult(GenerationResult.FinishReason.STOP, 7, PIECES.size(), 3,
                new GenerationResult.Timings(12.5, 80, 70, 0)));
    }

    private static String lastText(GenerationRequest request) {
        if (request.prompt() != null) {
            return request.prompt();
        }
        List<Chat.Message> messages = request.chat().messages();
        return messages.isEmpty() ? "" : messages.get(messages.size() - 1).content();
    }

    @Override
    public List<ServedModel> readyModels() {
        List<ServedModel> models = new ArrayList<>(List.of(served(MODEL, 2)));
        if (secondModel.get()) {
            models.add(served("other-model", 1));
        }
        return models;
    }

    @Override
    public Optional<ServedModel> model(String name) {
        if (LOADING.equals(name)) {
            return Optional.of(served(LOADING, 0));
        }
        if (EMBEDDER.equals(name)) {
            return Optional.of(served(EMBEDDER, 1));
        }
        return readyModels().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    @Override
    public Uni<RenderedChat> renderChat(String model, Chat chat, boolean addGenerationPrompt) {
        lastRendered.set(chat);
        if (model(model).isEmpty()) {
            return Uni.createFrom().failure(new BackendFailure(Kind.MODEL_NOT_FOUND, ModelNotFound.message(model,
                    readyModels().stream().map(ServedModel::name).toList())));
        }
        String last = chat.messages().isEmpty() ? "" : chat.messages().get(chat.messages().size() - 1).content();
        if (last.equals("refuse")) {
            return Uni.createFrom().failure(new BackendFailure(Kind.INVALID_ARGUMENT, "the model's chat template"
                    + " refused the messages: Conversation roles must alternate user/assistant/user/assistant/..."));
        }
        if (last.equals("broken")) {
            return Uni.createFrom().failure(new BackendFailure(Kind.TEMPLATE_UNAVAILABLE, "chats cannot be served:"
                    + " the template does not compile; completions (a raw prompt) still run"));
        }
        StringBuilder prompt = new StringBuilder();
        chat.messages().forEach(m -> prompt.append("<|").append(m.role()).append("|>").append(m.content()));
        chat.tools().forEach(t -> prompt.append("<|tool:").append(t.name()).append("|>"));
        if (addGenerationPrompt) {
            prompt.append("<|assistant|>");
        }
        return Uni.createFrom().item(new RenderedChat(prompt.toString(), chat.messages().size() + 2, false));
    }

    @Override
    public Uni<List<Embedded>> embed(String model, List<String> inputs) {
        if (model(model).isEmpty()) {
            return Uni.createFrom().failure(new BackendFailure(Kind.MODEL_NOT_FOUND, ModelNotFound.message(model,
                    readyModels().stream().map(ServedModel::name).toList())));
        }
        if (!EMBEDDER.equals(model)) {
            return Uni.createFrom().failure(new BackendFailure(Kind.WRONG_ENDPOINT, "The model '" + model
                    + "' generates text and does not serve embeddings"));
        }
        if (inputs.size() > 4) {
            return Uni.createFrom().failure(new BackendFailure(Kind.INVALID_ARGUMENT, "inputs holds " + inputs.size()
                    + " texts, over the limit of 4"));
        }
        List<Embedded> embedded = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            String text = inputs.get(i);
            String refusal = switch (text) {
                case "" -> "inputs[" + i + "] is empty; every input must hold text";
                case "overflow" -> "inputs[" + i + "] is 600 tokens, over the slot's context of 256 tokens";
                default -> null;
            };
            if (refusal != null) {
                return Uni.createFrom().failure(new BackendFailure(Kind.INVALID_ARGUMENT, refusal));
            }
            if (text.equals("busy")) {
                return Uni.createFrom().failure(new BackendFailure(Kind.BUSY, "The model '" + EMBEDDER
                        + "' is at capacity; retry later", 2));
            }
            float[] vector = new float[8];
            vector[text.length() % 8] = 1f;
            embedded.add(new Embedded(vector, text.length() + 1));
        }
        return Uni.createFrom().item(embedded);
    }

    private static ServedModel served(String name, int ready) {
        boolean embeds = EMBEDDER.equals(name);
        return new ServedModel(name, 256, 64, ready, "gguf", LIMITS, 32_000, embeds ? 8 : 0, embeds ? "last" : "",
                embeds ? 4 : 0);
    }
}
