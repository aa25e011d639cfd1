package dev.llmplatform.tokenizer.registry;

import dev.llmplatform.tokenizer.engine.TokenizerEngine;
import dev.llmplatform.tokenizer.error.TokenizerServiceException;
import dev.llmplatform.tokenizer.error.TokenizerUnavailableException;
import dev.llmplatform.tokenizer.error.UnknownTokenizerException;
import dev.llmplatform.tokenizer.hf.HuggingFaceEngine;
import dev.llmplatform.tokenizer.hub.HuggingFaceHub;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Hugging Face repo ids loaded because a request named them ({@link OnDemandPolicy}): only when enabled and allowed,
 * at most {@code maxLoaded} at once within {@code maxBytes} of estimated memory, the least recently used unloaded
 * first ({@link EvictableEngine#retire()}), and failures remembered for a while ({@link FailureCache}).
 */
public final class OnDemandTokenizers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OnDemandTokenizers.class);

    private final HuggingFaceHub hub;
    private final OnDemandPolicy policy;
    private final FailureCache failures;
    private final Loader loader;
    /** Loaded tokenizers in access order, least recently used first. */
    private final LinkedHashMap<String, EvictableEngine> loaded = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Object> loading = new ConcurrentHashMap<>();
    private long bytes;
    private boolean closed;

    /** Opens a tokenizer folder under a name. */
    @FunctionalInterface
    interface Loader {
        /** Loads the tokenizer.json in {@code folder}. */
        TokenizerEngine load(String name, Path folder) throws IOException;
    }

    /** Tokenizers loaded on request from {@code hub} under {@code policy}. */
    public OnDemandTokenizers(HuggingFaceHub hub, OnDemandPolicy policy) {
        this(hub, policy, System::nanoTime, HuggingFaceEngine::load);
    }

    OnDemandTokenizers(HuggingFaceHub hub, OnDemandPolicy policy, LongSupplier nanoClock, Loader loader) {
        this.hub = hub;
        this.policy = policy;
        this.failures = new FailureCache(policy.failureTtl(), nanoClock);
        this.loader = loader;
    }

    /**
     * The tokenizer of a validated repo id, loading it when allowed.
     *
     * @param known the configured names, for the NOT_FOUND message
     * @throws UnknownTokenizerException when it may not be loaded, or neither the cache nor the Hub has it
     * @throws TokenizerUnavailableException when its files cannot be loaded or are refused
     */
    TokenizerEngine get(String repoId, Supplier<Collection<String>> known) {
        String refusal = policy.refusal(repoId);
        if (refusal != null) {
            throw UnknownTokenizerException.notConfigured(repoId, refusal, known.get());
        }
        EvictableEngine engine = loadedEngine(repoId);
        if (engine != null) {
            return engine;
        }
        Object lock = loading.computeIfAbsent(repoId, k -> new Object());
        try {
            synchronized (lock) {
                engine = loadedEngine(repoId);
                if (engine != null) {
                    return engine;
                }
                Optional<RuntimeException> remembered = failures.recent(repoId);
                if (remembered.isPresent()) {
                    throw remembered.get();
                }
                try {
                    engine = load(repoId, known);
                } catch (TokenizerServiceException e) {
                    failures.remember(repoId, e);
                    throw e;
                }
                add(repoId, engine);
                return engine;
            }
        } finally {
            loading.remove(repoId, lock);
        }
    }

    /** The names loaded on request now, least recently used first. */
    synchronized List<String> loadedNames() {
        return List.copyOf(loaded.keySet());
    }

    private synchronized EvictableEngine loadedEngine(String repoId) {
        return loaded.get(repoId);
    }

    private EvictableEngine load(String repoId, Supplier<Collection<String>> known) {
        Optional<Path> folder;
        try {
            folder = hub.resolve(repoId);
        } catch (IOException e) {
            LOG.warnf("cannot download the tokenizer of %s: %s", repoId, e.toString());
            throw UnknownTokenizerException.notDownloadable(repoId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenizerUnavailableException(repoId, "interrupted while downloading");
        }
        if (folder.isEmpty()) {
            throw UnknownTokenizerException.notDownloadable(repoId);
        }
        long estimate;
        try {
            estimate = TokenizerFootprint.estimate(folder.get());
        } catch (IOException e) {
            LOG.errorf(e, "cannot read the tokenizer of %s", repoId);
            throw new TokenizerUnavailableException(repoId, "it could not be loaded (see the server log)");
        }
        if (estimate > policy.maxBytes()) {
            throw new TokenizerUnavailableException(repoId, "it is estimated at " + estimate + " bytes once loaded; "
                    + "tokenizers loaded on request may take at most " + policy.maxBytes() + " bytes together "
                    + "(tokenizers.hub.max-on-demand-mib)");
        }
        long start = System.nanoTime();
        try {
            TokenizerEngine engine = loader.load(repoId, folder.get());
            LOG.infof("loaded tokenizer %s on request in %d ms", repoId, (System.nanoTime() - start) / 1_000_000);
            return new EvictableEngine(engine, estimate);
        } catch (TokenizerServiceException e) {
            throw e;
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.errorf(e, "cannot load tokenizer %s", repoId);
            throw RegistryErrors.unavailable(repoId, e);
        }
    }

    private void add(String repoId, EvictableEngine engine) {
        List<EvictableEngine> evicted = new ArrayList<>();
        boolean refuse;
        synchronized (this) {
            refuse = closed;
            if (!refuse) {
                loaded.put(repoId, engine);
                bytes += engine.estimatedBytes();
                Iterator<Map.Entry<String, EvictableEngine>> eldest = loaded.entrySet().iterator();
                while ((loaded.size() > policy.maxLoaded() || bytes > policy.maxBytes()) && eldest.hasNext()) {
                    Map.Entry<String, EvictableEngine> entry = eldest.next();
                    if (entry.getValue() == engine) {
                        continue;
                    }
                    eldest.remove();
                    bytes -= entry.getValue().estimatedBytes();
                    evicted.add(entry.getValue());
                    LOG.infof("unloading tokenizer %s (least recently used) to make room for %s", entry.getKey(),
                            repoId);
                }
            }
        }
        evicted.forEach(EvictableEngine::retire);
        if (refuse) {
            engine.retire();
            throw new TokenizerUnavailableException(repoId, "the service is shutting down");
        }
    }

    @Override
    public void close() {
        List<EvictableEngine> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(loaded.values());
            loaded.clear();
            bytes = 0;
        }
        all.forEach(EvictableEngine::retire);
    }
}
