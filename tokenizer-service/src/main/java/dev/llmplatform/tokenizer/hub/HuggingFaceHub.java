package dev.llmplatform.tokenizer.hub;

import dev.llmplatform.tokenizer.TokenizersConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Resolves Hugging Face repo ids to a local folder holding tokenizer.json: from the cache under
 * {@code $HF_HOME/hub} first, then (unless offline) by downloading into that cache.
 */
public final class HuggingFaceHub {

    private static final Logger LOG = Logger.getLogger(HuggingFaceHub.class);
    private final HuggingFaceCache cache;
    private final Optional<HubDownloader> downloader;
    private final String revision;

    /** A hub resolver over a cache and an optional downloader (absent when offline). */
    public HuggingFaceHub(HuggingFaceCache cache, Optional<HubDownloader> downloader, String revision) {
        this.cache = cache;
        this.downloader = downloader;
        this.revision = revision;
    }

    /**
     * A resolver built from configuration: the cache is {@code HF_HUB_CACHE}, else {@code $HF_HOME/hub}, with
     * {@code HF_HOME} defaulting to {@code ~/.cache/huggingface}.
     */
    public static HuggingFaceHub fromConfig(TokenizersConfig.Hub config) {
        Path home = config.home().orElse(Path.of(System.getProperty("user.home"), ".cache", "huggingface"));
        Optional<HubDownloader> downloader = config.offline() ? Optional.empty()
                : Optional.of(new HubDownloader(config.baseUrl(), config.token(),
                        Duration.ofSeconds(config.timeoutSeconds())));
        Path cache = config.cache().orElse(home.resolve("hub"));
        return new HuggingFaceHub(new HuggingFaceCache(cache), downloader, config.revision());
    }

    /**
     * The folder with the repo's tokenizer.json, downloading it when needed and allowed.
     *
     * @param repoId a validated {@code org/name}
     * @return empty when neither the cache nor the Hub has it
     * @throws IOException when the download fails
     */
    public Optional<Path> resolve(String repoId) throws IOException, InterruptedException {
        Optional<Path> cached = cache.snapshot(repoId, revision);
        if (cached.isPresent() || downloader.isEmpty()) {
            return cached;
        }
        LOG.infof("downloading the tokenizer of %s (%s) from the Hub", repoId, revision);
        return downloader.get().download(cache, repoId, revision);
    }
}
