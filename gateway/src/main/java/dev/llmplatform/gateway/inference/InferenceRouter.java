package dev.llmplatform.gateway.inference;

import dev.llmplatform.gateway.config.GatewayConfig;
import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.http.Echo;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.ModelInfo;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Routes generations by model. Checks that run before anything is sent: the model is known (else 404), one of its
 * endpoints is ready (else 503), {@code max_tokens} fits its context (else 400), and admission has room (else 429).
 */
@ApplicationScoped
public class InferenceRouter {

    private final EndpointRegistry registry;
    private final Admission admission;
    private final GatewayConfig config;
    private final GenerationMetrics metrics;
    private final StreamTimeouts timeouts;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "generation-silence-timer");
        thread.setDaemon(true);
        return thread;
    });

    InferenceRouter(EndpointRegistry registry, Admission admission, GatewayConfig config, GenerationMetrics metrics) {
        this.registry = registry;
        this.admission = admission;
        this.config = config;
        this.metrics = metrics;
        this.timeouts = new StreamTimeouts(config.inference().generateDeadline().toMillis(),
                config.inference().acceptTimeout().toMillis(), config.inference().stallTimeout().toMillis());
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    /**
     * Starts a generation of {@code model}; throws {@link ApiException} for failures known before sending, reports
     * everything else to the listener.
     */
    public GenerationHandle start(String model, GenerateRequest request, GenerationListener listener) {
        List<Endpoint> endpoints = registry.endpointsFor(model);
        if (endpoints.isEmpty()) {
            throw ApiException.modelNotFound(model);
        }
        try {
            return route(model, endpoints, request, listener);
        } catch (ApiException refused) {
            metrics.refused(model, refused);
            throw refused;
        }
    }

    private GenerationHandle route(String model, List<Endpoint> endpoints, GenerateRequest request,
            GenerationListener listener) {
        Endpoint ready = endpoints.stream().filter(Endpoint::ready).findFirst()
                .orElseThrow(() -> ApiException.unavailable("No endpoint of the model '" + Echo.cut(model)
                        + "' is ready; retry later"));
        checkMaxTokens(ready.info(), request.getParams().getMaxTokens());
        AdmissionQueue queue = admission.forModel(model);
        RoutedGeneration generation = new RoutedGeneration(model, request.toBuilder().setModel(model).build(),
                () -> registry.endpointsFor(model), registry, timeouts, timer, config.admission().retryAfter(),
                metrics.observe(model, queue, listener));
        generation.start(queue.acquire());
        return generation;
    }

    private static void checkMaxTokens(ModelInfo info, int maxTokens) {
        int context = info.getContextLength();
        if (context > 0 && maxTokens > context) {
            throw ApiException.invalid("max_tokens", "max_tokens " + maxTokens
                    + " exceeds the context length of the model '" + Echo.cut(info.getName()) + "' (" + context
                    + " tokens)");
        }
    }
}
