package dev.llmplatform.inference.model;

import dev.llmplatform.inference.config.InferenceConfig;
import dev.llmplatform.inference.engine.EngineRequest;
import dev.llmplatform.inference.engine.PromptCache;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.engine.TokenStream;
import dev.llmplatform.inference.request.InferenceError;
import dev.llmplatform.inference.request.SamplingDefaults;
import dev.llmplatform.inference.scheduling.SlotScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * The served model's one state ({@link ServiceState}), held atomically. Loading runs on its own thread at start-up
 * so HTTP, gRPC and health come up at once; the service is ready only after the model loaded AND a one-token warm-up
 * generation succeeded. A refused model (missing, corrupt, truncated, vocabulary-only, too big for memory) leaves
 * the service up in {@link ServiceState.Failed} with the reason: the process stays up for probes and diagnosis.
 * Every transition is fired as a CDI event.
 */
@ApplicationScoped
public class ServedModel {

    private static final Logger LOG = Logger.getLogger(ServedModel.class);

    private final InferenceConfig config;
    private final ModelSource source;
    private final MeterRegistry registry;
    private final Event<ServiceState> transitions;
    private final AtomicReference<ServiceState> state = new AtomicReference<>(new ServiceState.Loading());

    ServedModel(InferenceConfig config, ModelSource source, MeterRegistry registry, Event<ServiceState> transitions) {
        this.config = config;
        this.source = source;
        this.registry = registry;
        this.transitions = transitions;
    }

    /** The current state. */
    public ServiceState state() {
        return state.get();
    }

    /** The session of a ready model; UNAVAILABLE, with the reason, in every other state. */
    public ModelSession requireReady() {
        ServiceState current = state.get();
        if (current instanceof ServiceState.Ready ready) {
            return ready.session();
        }
        if (current instanceof ServiceState.Loading) {
            throw InferenceError.unavailable("model is loading");
        }
        if (current instanceof ServiceState.Failed) {
            throw InferenceError.unavailable("model failed to load; see the service log");
        }
        throw InferenceError.unavailable("the service is shutting down");
    }

    /** Starts loading on a background thread. */
    public void startLoading() {
        config.nativeLibPath().filter(p -> !p.isBlank())
                .ifPresent(p -> System.setProperty("de.kherud.llama.lib.path", p));
        NativeLibraryDir.usePrivateDirectory();
        Thread loader = new Thread(this::load, "llm-model-loader");
        loader.setDaemon(true);
        loader.start();
    }

    private void load() {
        long start = System.nanoTime();
        ModelSession session;
        try {
            LoadedModel loaded = source.load();
            session = ModelSession.open(loaded, defaultsFor(loaded), config.maxQueue(), cachePolicy(loaded),
                    registry);
            warmUp(session.engine());
        } catch (ModelLoadException e) {
            fail("model refused: " + e.getMessage());
            return;
        } catch (RuntimeException | LinkageError e) {
            LOG.error("model load failed", e);
            fail("model failed to load: " + e.getMessage());
            return;
        }
        if (move(s -> s instanceof ServiceState.Loading ? new ServiceState.Ready(session) : s)
                instanceof ServiceState.Ready) {
            LOG.infof("model %s ready in %d ms", session.engine().facts().name(),
                    (System.nanoTime() - start) / 1_000_000);
        } else {
            session.engine().close();
        }
    }

    private void fail(String reason) {
        LOG.error(reason + " -- the service stays up with readiness DOWN and refuses generation");
        move(s -> s instanceof ServiceState.Loading ? new ServiceState.Failed(reason) : s);
    }

    private static void warmUp(TextEngine engine) {
        if (engine.facts().embeds()) {
            engine.embed("Hello");
            return;
        }
        TokenStream stream = engine.start(EngineRequest.text("Hello", 1, 0f, 1f, 0, 0f, 1f, 0), 0);
        while (stream.next() != null) {
            // drain the one token and the closing output
        }
        engine.clear(0); // the prompt cache starts from empty slots
    }

    /**
     * The prompt-cache policy: off with {@code LLM_PROMPT_CACHE=false}; else idle slots keep at most
     * {@code LLM_PROMPT_CACHE_CELLS} cells together, by default one slot's context (docs/adr/0011-prompt-cache.md).
     */
    private PromptCache.Policy cachePolicy(LoadedModel loaded) {
        if (!config.promptCache()) {
            return PromptCache.Policy.off();
        }
        int cells = config.promptCacheCells() >= 0 ? config.promptCacheCells()
                : loaded.engine().facts().contextPerSlot();
        LOG.infof("prompt cache on: idle slots keep at most %d cells", cells);
        return PromptCache.Policy.keeping(cells);
    }

    private SamplingDefaults defaultsFor(LoadedModel loaded) {
        InferenceConfig.Sampling s = config.sampling();
        float temperature = loaded.entry().map(e -> e.temperature()).filter(t -> t >= 0).orElse(s.temperature());
        return new SamplingDefaults(s.maxTokens(), temperature, s.topP(), s.topK(), s.minP(), s.repeatPenalty());
    }

    /** Stops accepting requests: a ready model starts draining, a model still loading is given up. */
    public void beginDrain() {
        move(s -> {
            if (s instanceof ServiceState.Ready ready) {
                return new ServiceState.Draining(ready.session());
            }
            return s instanceof ServiceState.Loading ? new ServiceState.Failed("the service is shutting down") : s;
        });
    }

    /**
     * Waits up to {@code timeout} for the admitted generations to finish, stops the rest (they end with an error
     * Final), waits for them to end, and closes the engine. Call after {@link #beginDrain()}.
     */
    public void drainAndClose(Duration timeout) {
        if (!(state.get() instanceof ServiceState.Draining draining)) {
            return;
        }
        SlotScheduler scheduler = draining.session().scheduler();
        if (!scheduler.awaitIdle(timeout)) {
            LOG.warnf("drain timeout: stopping %d generations with an error", scheduler.admitted());
            scheduler.abortAll();
            scheduler.awaitIdle(Duration.ofSeconds(5));
        }
        scheduler.shutdown();
        try {
            draining.session().engine().close();
        } catch (RuntimeException e) {
            LOG.warn("engine close failed", e);
        }
    }

    private ServiceState move(UnaryOperator<ServiceState> transition) {
        ServiceState before;
        ServiceState after;
        do {
            before = state.get();
            after = transition.apply(before);
        } while (!state.compareAndSet(before, after));
        if (after != before) {
            transitions.fire(after);
        }
        return after;
    }
}
