package dev.llmplatform.inference.metrics;

import dev.llmplatform.inference.model.ServedModel;
import dev.llmplatform.inference.scheduling.SlotScheduler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * The service's Prometheus metrics, named after vLLM's where the meaning is the same (vLLM's {@code vllm:x} is
 * {@code llm_x} here; see the module README for the mapping). Registered at start-up; the gauges read the served
 * model's scheduler (0 while no model is loaded).
 */
@ApplicationScoped
public class InferenceMetrics {

    private final Timer timeToFirstToken;
    private final Timer timePerOutputToken;
    private final Timer e2eLatency;
    private final Timer queueTime;
    private final Counter promptTokens;
    private final Counter generationTokens;
    private final Counter cancelled;

    @Inject
    InferenceMetrics(MeterRegistry registry, ServedModel model) {
        this(registry);
        Gauge.builder("llm.num.requests.running", model, schedulerValue(SlotScheduler::running))
                .description("Requests generating now").register(registry);
        Gauge.builder("llm.num.requests.waiting", model, schedulerValue(SlotScheduler::waiting))
                .description("Requests waiting for a slot").register(registry);
    }

    /** The histograms and counters, without the load gauges (for tests of the code that records). */
    public InferenceMetrics(MeterRegistry registry) {
        timeToFirstToken = histogram(registry, "llm.time.to.first.token", "Time from request to first token");
        timePerOutputToken = histogram(registry, "llm.time.per.output.token", "Time per generated token after "
                + "the first");
        e2eLatency = histogram(registry, "llm.e2e.request.latency", "Time from request to end of generation");
        queueTime = histogram(registry, "llm.request.queue.time", "Time waiting for a slot");
        promptTokens = Counter.builder("llm.prompt.tokens").description("Prompt tokens processed")
                .register(registry);
        generationTokens = Counter.builder("llm.generation.tokens").description("Tokens generated")
                .register(registry);
        cancelled = Counter.builder("llm.request.cancelled").description("Generations cancelled or aborted")
                .register(registry);
    }

    private static ToDoubleFunction<ServedModel> schedulerValue(ToIntFunction<SlotScheduler> value) {
        return model -> model.state().loadedSession().map(s -> value.applyAsInt(s.scheduler())).orElse(0);
    }

    private static Timer histogram(MeterRegistry registry, String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    /** Records one finished generation. */
    public void recordGeneration(GenerationTimings timings, int prompt, int generated) {
        queueTime.record(Duration.ofNanos(timings.queueNanos()));
        if (timings.firstTokenNanos() >= 0) {
            timeToFirstToken.record(Duration.ofNanos(timings.firstTokenNanos()));
            if (generated > 1) {
                long perToken = (timings.totalNanos() - timings.firstTokenNanos()) / (generated - 1);
                timePerOutputToken.record(Duration.ofNanos(perToken));
            }
        }
        e2eLatency.record(Duration.ofNanos(timings.totalNanos()));
        promptTokens.increment(prompt);
        generationTokens.increment(generated);
    }

    /** Counts a cancelled or aborted generation. */
    public void recordCancelled() {
        cancelled.increment();
    }

    /** Generations cancelled since start. */
    public long cancelledTotal() {
        return (long) cancelled.count();
    }

    /**
     * Durations of one generation in nanoseconds, measured from the request's arrival.
     *
     * @param queueNanos      waiting for a slot
     * @param firstTokenNanos to the first generated token; -1 when none was generated
     * @param totalNanos      to the end of generation
     */
    public record GenerationTimings(long queueNanos, long firstTokenNanos, long totalNanos) {
    }
}
