package dev.llmplatform.gateway.inference;

import dev.llmplatform.gateway.backend.BackendFailure;
import dev.llmplatform.gateway.backend.GenerationListener;
import dev.llmplatform.gateway.backend.GenerationResult;
import dev.llmplatform.gateway.backend.Progress;
import dev.llmplatform.gateway.error.ErrorMapping;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus metrics of routed generations, per model: {@code gateway_generations_total{model,outcome}} (outcome =
 * finish reason, or the HTTP status the client got), {@code gateway_generated_tokens_total},
 * {@code gateway_time_to_first_token_seconds} (measured in the gateway) and the admission gauges
 * {@code gateway_admission_running} / {@code _queued}.
 */
@ApplicationScoped
public class GenerationMetrics {

    private final MeterRegistry registry;
    private final Map<String, Boolean> gauged = new ConcurrentHashMap<>();

    GenerationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Wraps a listener so the generation is counted and timed. */
    GenerationListener observe(String model, AdmissionQueue queue, GenerationListener delegate) {
        gauged.computeIfAbsent(model, m -> {
            Gauge.builder("gateway_admission_running", queue, AdmissionQueue::running).tag("model", m).register(registry);
            Gauge.builder("gateway_admission_queued", queue, AdmissionQueue::queued).tag("model", m).register(registry);
            return true;
        });
        long start = System.nanoTime();
        return new GenerationListener() {
            private boolean first = true;

            @Override
            public void onChunk(String text, int tokens) {
                if (first) {
                    first = false;
                    Timer.builder("gateway_time_to_first_token").tag("model", model).register(registry)
                            .record(Duration.ofNanos(System.nanoTime() - start));
                }
                delegate.onChunk(text, tokens);
            }

            @Override
            public void onProgress(Progress progress) {
                delegate.onProgress(progress);
            }

            @Override
            public void onFinal(GenerationResult result) {
                count(model, result.finishReason().name().toLowerCase(Locale.ROOT));
                Counter.builder("gateway_generated_tokens_total").tag("model", model).register(registry)
                        .increment(result.completionTokens());
                delegate.onFinal(result);
            }

            @Override
            public void onError(BackendFailure failure, boolean afterFirstChunk) {
                refused(model, failure);
                delegate.onError(failure, afterFirstChunk);
            }
        };
    }

    /** Counts a request that failed or was refused, by the status its client gets (404, 429, 503, ...). */
    void refused(String model, BackendFailure failure) {
        count(model, String.valueOf(ErrorMapping.of(failure).status()));
    }

    /** Counts an embeddings request that was answered, and its inputs. */
    void embedded(String model, int inputs) {
        countEmbeddings(model, "ok");
        Counter.builder("gateway_embedded_inputs_total").tag("model", model).register(registry).increment(inputs);
    }

    /** Counts an embeddings request of a served model that failed or was refused, by its client's status. */
    void embeddingRefused(String model, BackendFailure failure) {
        countEmbeddings(model, String.valueOf(ErrorMapping.of(failure).status()));
    }

    private void countEmbeddings(String model, String outcome) {
        Counter.builder("gateway_embeddings_total").tag("model", model).tag("outcome", outcome).register(registry)
                .increment();
    }

    private void count(String model, String outcome) {
        Counter.builder("gateway_generations_total").tag("model", model).tag("outcome", outcome).register(registry)
                .increment();
    }
}
