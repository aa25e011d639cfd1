package dev.llmplatform.gateway.inference;

import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.proto.inference.v1.Final;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus metrics of routed generations, per model: {@code gateway_generations_total{model,outcome}} (outcome =
 * finish reason or HTTP status), {@code gateway_generated_tokens_total}, {@code gateway_time_to_first_token_seconds}
 * (measured in the gateway) and the admission gauges {@code gateway_admission_running} / {@code _queued}.
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
            public void onFinal(Final result) {
                count(model, result.getFinishReason().name().replace("FINISH_REASON_", "").toLowerCase());
                Counter.builder("gateway_generated_tokens_total").tag("model", model).register(registry)
                        .increment(result.getUsage().getCompletionTokens());
                delegate.onFinal(result);
            }

            @Override
            public void onError(ApiException error, boolean afterFirstChunk) {
                count(model, String.valueOf(error.status()));
                delegate.onError(error, afterFirstChunk);
            }
        };
    }

    /** Counts a request refused before it was routed (404, 429, 503, 400). */
    void refused(String model, ApiException error) {
        count(model, String.valueOf(error.status()));
    }

    private void count(String model, String outcome) {
        Counter.builder("gateway_generations_total").tag("model", model).tag("outcome", outcome).register(registry)
                .increment();
    }
}
