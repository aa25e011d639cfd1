package dev.llmplatform.tokenizer.registry;

import dev.llmplatform.tokenizer.TokenizersConfig;
import dev.llmplatform.tokenizer.engine.TokenizerDescriptor;
import dev.llmplatform.tokenizer.engine.TokenizerEngine;
import dev.llmplatform.tokenizer.error.TokenizerUnavailableException;
import dev.llmplatform.tokenizer.error.UnknownTokenizerException;
import dev.llmplatform.tokenizer.hf.HuggingFaceEngine;
import dev.llmplatform.tokenizer.hub.HuggingFaceHub;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The tokenizers this service serves, by name. Sources are found once (folder scan, tiktoken encodings, GGUF files,
 * Hugging Face cache); each tokenizer is loaded on first use, on the caller's (worker) thread, and closed by
 * {@link #close()}. Names are validated before any lookup; a name never becomes a path except a validated repo id
 * inside the Hugging Face cache.
 */
public final class TokenizerRegistry implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TokenizerRegistry.class);

    private final Map<String, TokenizerSource> sources = new TreeMap<>();
    private final Map<String, TokenizerEngine> loaded = new ConcurrentHashMap<>();
    private final Optional<HuggingFaceHub> hub;
    private volatile boolean closed;

    /** A registry over fixed sources and an optional Hub resolver for repo ids. */
    public TokenizerRegistry(List<TokenizerSource> fixed, Optional<HuggingFaceHub> hub) {
        fixed.forEach(s -> sources.putIfAbsent(s.name(), s));
        this.hub = hub;
        hub.ifPresent(h -> h.cachedRepoIds().forEach(id -> sources.putIfAbsent(id, repoSource(h, id))));
    }

    /** A registry from configuration: the tokenizers folder, GGUF files, tiktoken and the Hugging Face cache. */
    public static TokenizerRegistry fromConfig(TokenizersConfig config,
            Optional<TokenizerDirectoryScanner.GgufLoader> gguf) {
        List<TokenizerSource> fixed = new ArrayList<>();
        config.dir().ifPresent(dir -> fixed.addAll(TokenizerDirectoryScanner.scan(dir, gguf)));
        gguf.ifPresent(loader -> config.ggufFiles().ifPresent(
                files -> files.forEach(f -> fixed.add(TokenizerDirectoryScanner.gguf(f, loader)))));
        fixed.addAll(TokenizerDirectoryScanner.tiktoken());
        return new TokenizerRegistry(fixed, Optional.of(HuggingFaceHub.fromConfig(config.hub())));
    }

    /** Names of the known tokenizers, sorted. */
    public synchronized List<String> names() {
        return List.copyOf(sources.keySet());
    }

    /**
     * The tokenizer named {@code name}, loading it on first use.
     *
     * @throws UnknownTokenizerException when no such tokenizer exists
     * @throws TokenizerUnavailableException when it exists but cannot be loaded
     */
    public TokenizerEngine get(String name) {
        String valid = TokenizerNames.validate(name);
        TokenizerEngine engine = loaded.get(valid);
        if (engine != null) {
            return engine;
        }
        TokenizerSource source = sourceOf(valid);
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

    /** The descriptors of every known tokenizer, sorted by name (loads each one). */
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

    private synchronized TokenizerSource sourceOf(String name) {
        TokenizerSource source = sources.get(name);
        if (source != null) {
            return source;
        }
        if (hub.isPresent() && TokenizerNames.isRepoId(name)) {
            source = repoSource(hub.get(), name);
            sources.put(name, source);
            return source;
        }
        throw new UnknownTokenizerException("tokenizer", name, sources.keySet());
    }

    private TokenizerSource repoSource(HuggingFaceHub h, String repoId) {
        return new TokenizerSource(repoId, () -> {
            Optional<Path> folder;
            try {
                folder = h.resolve(repoId);
            } catch (IOException e) {
                LOG.warnf("cannot download the tokenizer of %s: %s", repoId, e.toString());
                throw UnknownTokenizerException.notDownloadable(repoId);
            }
            if (folder.isEmpty()) {
                throw new UnknownTokenizerException("tokenizer", repoId, names());
            }
            return HuggingFaceEngine.load(repoId, folder.get());
        });
    }

    private TokenizerEngine load(TokenizerSource source) {
        if (closed) {
            throw new TokenizerUnavailableException(source.name(), "the service is shutting down");
        }
        long start = System.nanoTime();
        try {
            TokenizerEngine engine = source.loader().load();
            LOG.infof("loaded tokenizer %s in %d ms", source.name(), (System.nanoTime() - start) / 1_000_000);
            return engine;
        } catch (UnknownTokenizerException e) {
            synchronized (this) {
                sources.remove(source.name(), source);
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenizerUnavailableException(source.name(), "interrupted while loading");
        } catch (Exception | LinkageError e) {
            LOG.errorf(e, "cannot load tokenizer %s", source.name());
            if (TokenizerNames.isRepoId(source.name())) {
                synchronized (this) {
                    sources.remove(source.name(), source);
                }
            }
            throw new TokenizerUnavailableException(source.name(), "it could not be loaded (see the server log)");
        }
    }

    @Override
    public void close() {
        closed = true;
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
