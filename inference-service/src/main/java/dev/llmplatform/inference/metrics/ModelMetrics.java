package dev.llmplatform.inference.metrics;

import dev.llmplatform.inference.scheduling.SlotScheduler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.ToDoubleFunction;

/**
 * The served model's metrics under vLLM's names, each with a {@code model_name} label, so the dashboards, autoscaler
 * recipes and inference routers of the field (vLLM's, the Gateway API Inference Extension's endpoint picker) read
 * them as they are: gauges {@code vllm:num_requests_running}, {@code vllm:num_requests_waiting},
 * {@code vllm:kv_cache_usage_perc}; histograms {@code vllm:time_to_first_token_seconds},
 * {@code vllm:inter_token_latency_seconds}, {@code vllm:e2e_request_latency_seconds},
 * {@code vllm:request_queue_time_seconds}; counters {@code vllm:prompt_tokens_total},
 * {@code vllm:generation_tokens_total}, {@code vllm:request_success_total{finished_reason}},
 * {@code vllm:prefix_cache_queries_total} (prompt tokens looked up in the slots' cells) and
 * {@code vllm:prefix_cache_hits_total} (prompt tokens reused from them); and
 * {@code llmplatform_slots}, the slots of this process (for scaling on running + waiting over slots).
 *
 * <p>KV-cache usage is the service's own account of the cells its slots hold (prompt plus generated tokens of each
 * running generation, and the tokens an idle slot keeps for the prompt cache until the policy clears it) over the
 * context of all slots; the engine does not report its cache.
 */
public final class ModelMetrics {

    /** vLLM's time-to-first-token buckets, with finer steps below 10 ms for small models on the CPU. */
    static final double[] TTFT_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75,
        1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0};
    /** vLLM's inter-token latency buckets, with finer steps below 10 ms. */
    static final double[] ITL_BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075,
        0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0};
    /** vLLM's request latency buckets (end to end, queue), with finer steps below 300 ms. */
    static final double[] REQUEST_BUCKETS = {0.001, 0.01, 0.05, 0.1, 0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0,
        15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0};

    private final MeterRegistry registry;
    private final Tags tags;
    private final Timer timeToFirstToken;
    private final Timer interTokenLatency;
    private final Timer e2eLatency;
    private final Timer queueTime;
    private final Counter promptTokens;
    private final Counter generationTokens;
    private final Counter prefixQueries;
    private final Counter prefixHits;
    private final ConcurrentHashMap<String, Counter> finished = new ConcurrentHashMap<>();
    private final AtomicIntegerArray cellsPerSlot;
    private final long totalCells;

    /**
     * Registers the meters of a model.
     *
     * @param contextPerSlot tokens of context per slot
     */
    public ModelMetrics(MeterRegistry registry, String modelName, SlotScheduler scheduler, int contextPerSlot) {
        this.registry = registry;
        this.tags = Tags.of("model_name", modelName);
        this.cellsPerSlot = new AtomicIntegerArray(scheduler.slots());
        this.totalCells = (long) contextPerSlot * scheduler.slots();
        timeToFirstToken = timer("vllm:time_to_first_token", "Time from request to first token", TTFT_BUCKETS);
        interTokenLatency = timer("vllm:inter_token_latency", "Time between two generated tokens", ITL_BUCKETS);
        e2eLatency = timer("vllm:e2e_request_latency", "Time from request to end of generation", REQUEST_BUCKETS);
        queueTime = timer("vllm:request_queue_time", "Time waiting for a slot", REQUEST_BUCKETS);
        promptTokens = Counter.builder("vllm:prompt_tokens").description("Prompt tokens processed").tags(tags)
                .register(registry);
        generationTokens = Counter.builder("vllm:generation_tokens").description("Tokens generated").tags(tags)
                .register(registry);
        prefixQueries = Counter.builder("vllm:prefix_cache_queries")
                .description("Prompt tokens looked up in the slots' cached cells").tags(tags).register(registry);
        prefixHits = Counter.builder("vllm:prefix_cache_hits")
                .description("Prompt tokens reused from the slots' cached cells").tags(tags).register(registry);
        gauge("vllm:num_requests_running", "Requests generating now", scheduler, SlotScheduler::running);
        gauge("vllm:num_requests_waiting", "Requests waiting for a slot", scheduler, SlotScheduler::waiting);
        gauge("llmplatform_slots", "Slots (requests decoded together) of this process", scheduler,
                SlotScheduler::slots);
        Gauge.builder("vllm:kv_cache_usage_perc", this, ModelMetrics::kvCacheUsage)
                .description("Share of the KV cache's cells held by the slots, 0 to 1").tags(tags).register(registry);
    }

    private Timer timer(String name, String description, double[] buckets) {
        return Timer.builder(name).description(description).tags(tags)
                .serviceLevelObjectives(Arrays.stream(buckets).mapToObj(s -> Duration.ofNanos((long) (s * 1e9)))
                        .toArray(Duration[]::new))
                .minimumExpectedValue(Duration.ofNanos((long) (buckets[0] * 1e9)))
                .maximumExpectedValue(Duration.ofNanos((long) (buckets[buckets.length - 1] * 1e9)))
                .register(registry);
    }

    private void gauge(String name, String description, SlotScheduler scheduler,
                       ToDoubleFunction<SlotScheduler> value) {
        Gauge.builder(name, scheduler, value).description(description).tags(tags).register(registry);
    }

    /** The KV cells a slot holds now. */
    public void slotHolds(int slot, int cells) {
        cellsPerSlot.set(slot, cells);
    }

    /** One gap between two generated tokens. */
    public void tokenGap(long nanos) {
        interTokenLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Records one finished generation.
     *
     * @param finishReason stop, length, abort or error (vLLM's {@code finished_reason} values)
     */
    public void recordGeneration(GenerationTimings timings, int prompt, int generated, String finishReason) {
        queueTime.record(Duration.ofNanos(timings.queueNanos()));
        if (timings.firstTokenNanos() >= 0) {
            timeToFirstToken.record(Duration.ofNanos(timings.firstTokenNanos()));
        }
        e2eLatency.record(Duration.ofNanos(timings.totalNanos()));
        promptTokens.increment(prompt);
        generationTokens.increment(generated);
        finished.computeIfAbsent(finishReason, reason -> Counter.builder("vllm:request_success")
                .description("Finished requests by finish reason").tags(tags.and("finished_reason", reason))
                .register(registry)).increment();
    }

    /** One generation's prompt looked up in its slot: {@code prompt} tokens, {@code reused} of them cached. */
    public void prefixCache(int prompt, int reused) {
        prefixQueries.increment(prompt);
        prefixHits.increment(reused);
    }

    /** Generations cancelled or aborted since start. */
    public long cancelledTotal() {
        Counter aborted = finished.get("abort");
        return aborted == null ? 0 : (long) aborted.count();
    }

    private double kvCacheUsage() {
        long used = 0;
        for (int slot = 0; slot < cellsPerSlot.length(); slot++) {
            used += cellsPerSlot.get(slot);
        }
        return totalCells == 0 ? 0 : Math.min(1.0, (double) used / totalCells);
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
