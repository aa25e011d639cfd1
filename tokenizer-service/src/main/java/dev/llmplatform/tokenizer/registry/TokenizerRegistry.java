package dev.llmplatform.tokenizer.registry;

import dev.llmplatform.tokenizer.TokenizersConfig;
import dev.llmplatform.tokenizer.engine.TokenizerDescriptor;
import dev.llmplatform.tokenizer.engine.TokenizerEngine;
import dev.llmplatform.tokenizer.error.TokenizerServiceException;
import dev.llmplatform.tokenizer.error.TokenizerUnavailableException;
import dev.llmplatform.tokenizer.error.UnknownTokenizerException;
import dev.llmplatform.tokenizer.hf.HuggingFaceEngine;
import dev.llmplatform.tokenizer.hub.HuggingFaceHub;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The tokenizers this service serves, by name. The configured ones (folder scan, GGUF files, tiktoken encodings,
 * {@code tokenizers.hub.repos}) are found once, each loaded on first use on the caller's (worker) thread, listed,
 * and kept until {@link #close()}. Other Hugging Face repo ids go to {@link OnDemandTokenizers}, which refuses them
 * unless loading on request is enabled and allows them. Names are validated before any lookup; a name never becomes
 * a path except a validated repo id inside the Hugging Face cache. Failed loads are remembered for a while.
 */
public final class TokenizerRegistry implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TokenizerRegistry.class);

    private final Map<String, TokenizerSource> configured = new TreeMap<>();
    private final Map<String, TokenizerEngine> loaded = new ConcurrentHashMap<>();
    private final Optional<OnDemandTokenizers> onDemand;
    private final FailureCache failures = new FailureCache(Duration.ofSeconds(60), System::nanoTime);
    private volatile boolean closed;

    /** A registry over configured sources and, optionally, tokenizers loaded on request. */
    public TokenizerRegistry(List<TokenizerSource> sources, Optional<OnDemandTokenizers> onDemand) {
        sources.forEach(s -> configured.putIfAbsent(s.name(), s));
        this.onDemand = onDemand;
    }

    /**
     * A registry from configuration: the tokenizers folder, GGUF files, tiktoken, the configured repo ids, and repo
     * ids loaded on request as {@code tokenizers.hub.*} allows.
     */
    public static TokenizerRegistry fromConfig(TokenizersConfig config,
            Optional<TokenizerDirectoryScanner.GgufLoader> gguf) {
        List<TokenizerSource> sources = new ArrayList<>();
        config.dir().ifPresent(dir -> sources.addAll(TokenizerDirectoryScanner.scan(dir, gguf)));
        gguf.ifPresent(loader -> config.ggufFiles().ifPresent(
                files -> files.forEach(f -> sources.add(TokenizerDirectoryScanner.gguf(f, loader)))));
        sources.addAll(TokenizerDirectoryScanner.tiktoken());
        HuggingFaceHub hub = HuggingFaceHub.fromConfig(config.hub());
        for (String repoId : config.hub().repos().orElse(List.of())) {
            sources.add(repoSource(hub, TokenizerNames.validateRepoId(repoId)));
        }
        return new TokenizerRegistry(sources,
                Optional.of(new OnDemandTokenizers(hub, OnDemandPolicy.fromConfig(config.hub()))));
    }

    /** A configured repo id: from the cache, else downloaded (unless offline) at its first load. */
    public static TokenizerSource repoSource(HuggingFaceHub hub, String repoId) {
        return new TokenizerSource(repoId, () -> {
            Optional<Path> folder;
            try {
                folder = hub.resolve(repoId);
            } catch (IOException e) {
                LOG.warnf("cannot download the tokenizer of %s: %s", repoId, e.toString());
                throw UnknownTokenizerException.notDownloadable(repoId);
            }
            return HuggingFaceEngine.load(repoId, folder.orElseThrow(
                    () -> UnknownTokenizerException.notDownloadable(repoId)));
        });
    }

    /** Names of the configured tokenizers, sorted (tokenizers loaded on request are not listed). */
    public List<String> names() {
        return List.copyOf(configured.keySet());
    }

    /**
     * The tokenizer named {@code name}, loading it on first use.
     *
     * @throws UnknownTokenizerException when no such tokenizer is served
     * @throws TokenizerUnavailableException when it exists but cannot be loaded
     */
    public TokenizerEngine get(String name) {
        String valid = TokenizerNames.validate(name);
        TokenizerEngine engine = loaded.get(valid);
        if (engine != null) {
            return engine;
        }
        TokenizerSource source = configured.get(valid);
        if (source == null) {
            if (closed) {
                throw new TokenizerUnavailableException(valid, "the service is shutting down");
            }
            if (onDemand.isPresent() && TokenizerNames.isRepoId(valid)) {
                return onDemand.get().get(valid, this::names);
            }
            throw new UnknownTokenizerException("tokenizer", valid, names());
        }
        synchronized (source) {
            engine = loaded.get(valid);
            if (engine == null) {
                engine = load(source);
                loaded.put(valid, engine);
                if (closed) {
                    loaded.remove(valid);
                    engine.close();
                    throw new TokenizerUnavailableException(valid, "the service is shutting down");
                }
            }
            return engine;
        }
    }

    /** The descriptors of every configured tokenizer, sorted by name (loads each one). */
    public List<TokenizerDescriptor> describeAll() {
        List<TokenizerDescriptor> all = new ArrayList<>();
        for (String name : names()) {
            try {
                all.add(get(name).descriptor());
            } catch (TokenizerUnavailableException | UnknownTokenizerException e) {
                LOG.warnf("leaving %s out of the list: %s", name, e.getMessage());
            }
        }
        return all;
    }

    private TokenizerEngine load(TokenizerSource source) {
        if (closed) {
            throw new TokenizerUnavailableException(source.name(), "the service is shutting down");
        }
        Optional<RuntimeException> remembered = failures.recent(source.name());
        if (remembered.isPresent()) {
            throw remembered.get();
        }
        long start = System.nanoTime();
        try {
            TokenizerEngine engine = source.loader().load();
            LOG.infof("loaded tokenizer %s in %d ms", source.name(), (System.nanoTime() - start) / 1_000_000);
            return engine;
        } catch (TokenizerServiceException e) {
            failures.remember(source.name(), e);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenizerUnavailableException(source.name(), "interrupted while loading");
        } catch (Exception | LinkageError e) {
            LOG.errorf(e, "cannot load tokenizer %s", source.name());
            TokenizerUnavailableException unavailable = RegistryErrors.unavailable(source.name(), e);
            failures.remember(source.name(), unavailable);
            throw unavailable;
        }
    }

    @Override
    public void close() {
        closed = true;
        onDemand.ifPresent(OnDemandTokenizers::close);
        for (Map.Entry<String, TokenizerEngine> entry : loaded.entrySet()) {
            try {
                entry.getValue().close();
            } catch (RuntimeException e) {
                LOG.warnf(e, "closing tokenizer %s failed", entry.getKey());
            }
        }
        loaded.clear();
    }
}
