package dev.llmplatform.inference.generation;

import dev.llmplatform.inference.config.InferenceConfig;
import dev.llmplatform.inference.engine.EngineException;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.metrics.InferenceMetrics;
import dev.llmplatform.inference.model.ModelRuntime;
import dev.llmplatform.inference.model.ModelState;
import dev.llmplatform.inference.request.GenerationValidator;
import dev.llmplatform.inference.request.InferenceError;
import dev.llmplatform.inference.request.ValidatedGeneration;
import dev.llmplatform.inference.scheduling.SlotScheduler;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.GenerateResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Admits, validates and runs generations: the service-side half of the engine seam. Validation (native tokenization)
 * runs on the caller's worker thread; generation runs on a slot thread of the {@link SlotScheduler}.
 */
@ApplicationScoped
public class GenerationService {

    private static final Logger LOG = Logger.getLogger(GenerationService.class);

    @Inject
    ModelRuntime runtime;
    @Inject
    InferenceConfig config;
    @Inject
    MeterRegistry registry;

    private final Set<StopSignal> active = ConcurrentHashMap.newKeySet();
    private volatile SlotScheduler scheduler;
    private volatile GenerationValidator validator;
    private volatile InferenceMetrics metrics;

    /** Registers metrics; called once at start-up, before the model is ready. */
    public void initialise() {
        metrics = new InferenceMetrics(registry, () -> scheduler == null ? 0 : scheduler.running(),
                () -> scheduler == null ? 0 : scheduler.waiting());
    }

    /** Wires the loaded model in; called on the loader thread just before the service turns ready. */
    public void modelReady(ModelRuntime loaded) {
        TextEngine engine = loaded.engine().orElseThrow();
        scheduler = new SlotScheduler(engine.facts().slots(), config.maxQueue());
        validator = new GenerationValidator(engine, loaded.defaults());
    }

    /**
     * Validates and schedules a generation that streams into {@code emitter}. Call on a worker thread.
     *
     * @param receivedNanos {@link System#nanoTime()} at arrival
     */
    public void generate(GenerateRequest request, MultiEmitter<? super GenerateResponse> emitter,
                         long receivedNanos) {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("generate must not run on an event-loop thread");
        }
        requireReady();
        SlotScheduler slots = scheduler;
        ValidatedGeneration validated;
        try {
            validated = validator.validate(request);
        } catch (EngineException e) {
            LOG.warn("tokenization failed during validation", e);
            throw InferenceError.internal(e.getMessage());
        }
        slots.admit();
        StopSignal signal = new StopSignal();
        active.add(signal);
        emitter.onTermination(signal::cancel);
        if (emitter.isCancelled()) {
            signal.cancel();
        }
        EmitterSink sink = new EmitterSink(emitter, () -> active.remove(signal));
        try {
            slots.submit(new GenerationRun(runtime.engine().orElseThrow(), validated, sink, signal, metrics,
                    receivedNanos));
        } catch (RuntimeException e) {
            active.remove(signal);
            slots.release();
            throw InferenceError.unavailable("the service is shutting down");
        }
    }

    /** Throws UNAVAILABLE unless the model is loaded, warmed up and not draining. */
    public void requireReady() {
        ModelState state = runtime.state();
        switch (state) {
            case READY -> {
                return;
            }
            case LOADING -> throw InferenceError.unavailable("model is loading");
            case FAILED -> throw InferenceError.unavailable("model failed to load; see the service log");
            default -> throw InferenceError.unavailable("the service is shutting down");
        }
    }

    /** The scheduler once the model is ready, for load reports. */
    public SlotScheduler scheduler() {
        return scheduler;
    }

    /** Generations cancelled since start. */
    public long cancelledTotal() {
        return metrics == null ? 0 : metrics.cancelledTotal();
    }

    /**
     * Waits for running generations up to {@code drainMillis}, then stops the rest with an error Final and waits
     * a little more for them to end.
     */
    public void drain(long drainMillis) {
        SlotScheduler slots = scheduler;
        if (slots == null) {
            return;
        }
        long deadline = System.currentTimeMillis() + drainMillis;
        while (!slots.idle() && System.currentTimeMillis() < deadline) {
            sleep(50);
        }
        if (!slots.idle()) {
            LOG.warnf("drain timeout: stopping %d generations with an error", active.size());
            active.forEach(StopSignal::abort);
            long hardDeadline = System.currentTimeMillis() + 5_000;
            while (!slots.idle() && System.currentTimeMillis() < hardDeadline) {
                sleep(20);
            }
        }
        slots.shutdown();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
