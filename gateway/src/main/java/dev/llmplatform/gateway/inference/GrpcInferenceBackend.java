package dev.llmplatform.gateway.inference;

import dev.llmplatform.gateway.backend.BackendFailure;
import dev.llmplatform.gateway.backend.BackendFailure.Kind;
import dev.llmplatform.gateway.backend.Chat;
import dev.llmplatform.gateway.backend.Embedded;
import dev.llmplatform.gateway.backend.GenerationHandle;
import dev.llmplatform.gateway.backend.GenerationListener;
import dev.llmplatform.gateway.backend.GenerationRequest;
import dev.llmplatform.gateway.backend.InferenceBackend;
import dev.llmplatform.gateway.backend.RenderedChat;
import dev.llmplatform.gateway.backend.ServedModel;
import dev.llmplatform.gateway.config.GatewayConfig;
import dev.llmplatform.gateway.grpc.GrpcFailures;
import dev.llmplatform.gateway.http.Echo;
import dev.llmplatform.proto.inference.v1.EmbedRequest;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The inference services behind {@link InferenceBackend}: routes each generation by model to the least-loaded ready
 * endpoint through the model's admission queue ({@link RoutedGeneration}), describes the models from the endpoints'
 * probes, renders chats ({@link ChatRendering}) and embeds texts ({@link UnaryRouting}). Refused before anything is
 * sent: a model no endpoint serves (MODEL_NOT_FOUND), a model none of whose endpoints is ready (UNAVAILABLE), a full
 * admission queue (BUSY), and generating with a model that embeds or embedding with one that generates
 * (WRONG_ENDPOINT).
 */
@ApplicationScoped
public class GrpcInferenceBackend implements InferenceBackend {

    private final EndpointRegistry registry;
    private final Admission admission;
    private final GenerationTracing tracing;
    private final GenerationMetrics metrics;
    private final UnaryRouting routing;
    private final ChatRendering rendering;
    private final long embedDeadlineMillis;
    private final StreamTimeouts timeouts;
    private final int retryAfter;
    private final double affinitySlack;
    private final PrefixPlacements placements = new PrefixPlacements(PrefixPlacements.DEFAULT_CAPACITY);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "generation-silence-timer");
        thread.setDaemon(true);
        return thread;
    });

    GrpcInferenceBackend(EndpointRegistry registry, Admission admission, GatewayConfig config,
            GenerationMetrics metrics, GenerationTracing tracing) {
        this.registry = registry;
        this.tracing = tracing;
        this.admission = admission;
        this.metrics = metrics;
        this.routing = new UnaryRouting(registry);
        this.rendering = new ChatRendering(routing, config.inference().renderDeadline().toMillis());
        this.embedDeadlineMillis = config.inference().embedDeadline().toMillis();
        this.timeouts = new StreamTimeouts(config.inference().generateDeadline().toMillis(),
                config.inference().acceptTimeout().toMillis(), config.inference().stallTimeout().toMillis());
        this.retryAfter = config.admission().retryAfter();
        this.affinitySlack = config.inference().prefixAffinitySlack();
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    @Override
    public GenerationHandle generate(GenerationRequest request, GenerationListener listener) {
        String model = request.model();
        List<Endpoint> endpoints = registry.endpointsFor(model);
        if (endpoints.isEmpty()) {
            // not counted: the label would take any name a client sends
            throw GrpcFailures.modelNotFound(model, registry.readyModels());
        }
        try {
            requireReady(model, endpoints);
            requireGenerating(model);
            AdmissionQueue queue = admission.forModel(model);
            GenerateRequest call = ProtoMapping.request(request);
            RoutedGeneration generation = new RoutedGeneration(model, call, () -> registry.endpointsFor(model),
                    new RoutedGeneration.Affinity(OptionalLong.of(PrefixKey.of(call)), affinitySlack, placements),
                    registry, timeouts, timer, retryAfter,
                    metrics.observe(model, queue, listener), tracing);
            CompletableFuture<AdmissionQueue.Permit> ticket = queue.acquire();
            generation.start(ticket);
            return generation;
        } catch (BackendFailure refused) {
            metrics.refused(model, refused);
            throw refused;
        }
    }

    @Override
    public boolean discovered() {
        return registry.discoveredOnce();
    }

    @Override
    public List<ServedModel> readyModels() {
        return registry.readyModels().stream().map(this::model).flatMap(Optional::stream).toList();
    }

    @Override
    public Optional<ServedModel> model(String name) {
        List<Endpoint> endpoints = registry.endpointsFor(name);
        List<Endpoint> ready = endpoints.stream().filter(Endpoint::ready).toList();
        return (ready.isEmpty() ? endpoints : ready).stream().filter(e -> e.info() != null).findFirst()
                .map(e -> ProtoMapping.model(e.info(), ready.size()));
    }

    @Override
    public Uni<RenderedChat> renderChat(String model, Chat chat, boolean addGenerationPrompt) {
        try {
            requireGenerating(model);
        } catch (BackendFailure embeds) {
            return Uni.createFrom().failure(embeds);
        }
        return rendering.render(model, chat, addGenerationPrompt);
    }

    @Override
    public Uni<List<Embedded>> embed(String model, List<String> inputs) {
        if (model(model).filter(served -> !served.embeds()).isPresent()) {
            return Uni.createFrom().failure(new BackendFailure(Kind.WRONG_ENDPOINT, "The model '" + Echo.cut(model)
                    + "' generates text and does not serve embeddings; use POST /v1/chat/completions or"
                    + " /v1/completions, or a model listed with an embedding_length in GET /v1/models"));
        }
        EmbedRequest request = EmbedRequest.newBuilder().setModel(model).addAllInputs(inputs).build();
        return routing.call(model, embedDeadlineMillis, stub -> stub.embed(request))
                .map(response -> response.getEmbeddingsList().stream().map(ProtoMapping::embedded).toList())
                .invoke(embedded -> metrics.embedded(model, embedded.size()))
                .onFailure(BackendFailure.class)
                .transform(failure -> embeddingFailure(model, (BackendFailure) failure));
    }

    /**
     * An Embed call's failure as the client gets it, counted unless the model is unknown (the label would take any
     * name a client sends): FAILED_PRECONDITION, an endpoint that generates, is WRONG_ENDPOINT here.
     */
    private BackendFailure embeddingFailure(String model, BackendFailure failure) {
        BackendFailure refused = failure.kind() == Kind.TEMPLATE_UNAVAILABLE
                ? new BackendFailure(Kind.WRONG_ENDPOINT, failure.getMessage()) : failure;
        if (refused.kind() != Kind.MODEL_NOT_FOUND) {
            metrics.embeddingRefused(model, refused);
        }
        return refused;
    }

    /** Refuses a model whose endpoints embed: they do not generate. */
    private void requireGenerating(String model) {
        if (model(model).filter(ServedModel::embeds).isPresent()) {
            throw new BackendFailure(Kind.WRONG_ENDPOINT, "The model '" + Echo.cut(model) + "' serves embeddings"
                    + " and does not generate text; use POST /v1/embeddings");
        }
    }

    /** UNAVAILABLE with a clear message when the model is known but none of its endpoints is ready. */
    static void requireReady(String model, List<Endpoint> endpoints) {
        if (endpoints.stream().noneMatch(Endpoint::ready)) {
            throw new BackendFailure(Kind.UNAVAILABLE, "No endpoint of the model '" + Echo.cut(model) + "' is ready ("
                    + endpoints.size() + " known: loading, draining or unreachable); retry later", 1);
        }
    }
}
