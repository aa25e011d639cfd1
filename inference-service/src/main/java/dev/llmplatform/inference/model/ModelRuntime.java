package dev.llmplatform.inference.model;

import dev.llmplatform.inference.catalogue.ModelCatalogue;
import dev.llmplatform.inference.config.InferenceConfig;
import dev.llmplatform.inference.engine.EngineRequest;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.engine.TokenStream;
import dev.llmplatform.inference.memory.MemoryPlan;
import dev.llmplatform.inference.request.SamplingDefaults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Holds the served model and its state. Loading runs on its own thread at start-up so HTTP, gRPC and health come up
 * at once; the service is ready only after the model loaded AND a one-token warm-up generation succeeded. A model
 * that is refused (missing, corrupt, truncated, vocabulary-only, too big for memory) leaves the service running
 * with readiness DOWN and the reason in the log: the process stays up for probes and diagnosis, and Kubernetes
 * keeps it out of rotation.
 */
@ApplicationScoped
public class ModelRuntime {

    private static final Logger LOG = Logger.getLogger(ModelRuntime.class);

    @Inject
    InferenceConfig config;

    private volatile ModelState state = ModelState.LOADING;
    private volatile TextEngine engine;
    private volatile MemoryPlan plan;
    private volatile SamplingDefaults defaults;

    /**
     * Starts loading on a background thread; {@code onReady} runs on that thread once warmed up, just before the
     * state turns READY.
     */
    public void startLoading(Consumer<ModelRuntime> onReady) {
        config.nativeLibPath().filter(p -> !p.isBlank())
                .ifPresent(p -> System.setProperty("de.kherud.llama.lib.path", p));
        NativeLibraryDir.usePrivateDirectory();
        Thread loader = new Thread(() -> load(onReady), "llm-model-loader");
        loader.setDaemon(true);
        loader.start();
    }

    private void load(Consumer<ModelRuntime> onReady) {
        long start = System.nanoTime();
        try {
            LoadedModel loaded = ModelLoader.load(config, ModelCatalogue.load());
            engine = loaded.engine();
            plan = loaded.plan();
            defaults = defaultsFor(loaded);
            warmUp(loaded.engine());
            if (state != ModelState.LOADING) {
                return;
            }
            onReady.accept(this);
            state = ModelState.READY;
            LOG.infof("model %s ready in %d ms", engine.facts().name(), (System.nanoTime() - start) / 1_000_000);
        } catch (ModelLoadException e) {
            fail("model refused: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            LOG.error("model load failed", e);
            fail("model failed to load: " + e.getMessage());
        }
    }

    private void fail(String reason) {
        LOG.error(reason + " -- the service stays up with readiness DOWN and refuses generation");
        if (state == ModelState.LOADING) {
            state = ModelState.FAILED;
        }
    }

    private static void warmUp(TextEngine engine) {
        TokenStream stream = engine.start(new EngineRequest("Hello", 1, 0f, 1f, 0, 0f, 1f, 0), 0);
        while (stream.next() != null) {
            // drain the one token and the closing output
        }
        stream.release();
    }

    private SamplingDefaults defaultsFor(LoadedModel loaded) {
        InferenceConfig.Sampling s = config.sampling();
        float temperature = loaded.entry().map(e -> e.temperature()).filter(t -> t >= 0).orElse(s.temperature());
        return new SamplingDefaults(s.maxTokens(), temperature, s.topP(), s.topK(), s.minP(), s.repeatPenalty());
    }

    /** The current state. */
    public ModelState state() {
        return state;
    }

    /** Whether requests are accepted. */
    public boolean ready() {
        return state == ModelState.READY;
    }

    /** The engine once loaded. */
    public Optional<TextEngine> engine() {
        return Optional.ofNullable(engine);
    }

    /** The memory plan once loaded. */
    public Optional<MemoryPlan> plan() {
        return Optional.ofNullable(plan);
    }

    /** Sampling defaults once loaded. */
    public SamplingDefaults defaults() {
        return defaults;
    }

    /** Stops accepting requests (shutdown). */
    public void beginDrain() {
        if (state == ModelState.READY || state == ModelState.LOADING) {
            state = ModelState.DRAINING;
        }
    }

    /** Closes the engine; the caller has drained. */
    public void close() {
        state = ModelState.STOPPED;
        TextEngine current = engine;
        if (current != null) {
            try {
                current.close();
            } catch (RuntimeException e) {
                LOG.warn("engine close failed", e);
            }
        }
    }
}
