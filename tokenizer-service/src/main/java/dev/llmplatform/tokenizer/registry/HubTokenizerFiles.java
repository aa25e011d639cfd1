package dev.llmplatform.tokenizer.registry;

import dev.llmplatform.hfhub.HubDownload;
import dev.llmplatform.hfhub.HubException;
import dev.llmplatform.hfhub.HubFile;
import dev.llmplatform.hfhub.HubFileDownloader;
import dev.llmplatform.hfhub.HubOptions;
import dev.llmplatform.hfhub.TransferSettings;
import dev.llmplatform.tokenizer.TokenizerConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The tokenizer files of a Hugging Face repo id, through the platform's Hub library ({@code hf-hub}): from the cache
 * ({@code HF_HUB_CACHE}, else {@code $HF_HOME/hub}) first, else (unless offline) downloaded into it, locked and
 * verified. tokenizer.json files are usually not stored with LFS, so the Hub publishes no sha256 for them; they are
 * verified against the git blob sha1 the Hub publishes as their etag. {@code tokenizer_config.json} (the chat template
 * and {@code model_max_length}) is fetched from the same commit when the repo has one.
 */
public final class HubTokenizerFiles {

    /** Largest tokenizer file accepted from the Hub. */
    static final long MAX_FILE_BYTES = 64L << 20;
    private static final Logger LOG = Logger.getLogger(HubTokenizerFiles.class);

    private final HubFileDownloader downloader;
    private final String revision;

    /** Files of the Hub and cache {@code options} name, at {@code revision}. */
    public HubTokenizerFiles(HubOptions options, String revision) {
        this.downloader = new HubFileDownloader(options);
        this.revision = revision;
    }

    /** The options of {@code tokenizer.hub.*}: a download waits at most the configured seconds for the Hub. */
    public static HubTokenizerFiles fromConfig(TokenizerConfig.Hub config) {
        Path cache = config.cache().orElseGet(() -> config.home()
                .orElse(Path.of(System.getProperty("user.home"), ".cache", "huggingface")).resolve("hub"));
        Duration timeout = Duration.ofSeconds(Math.max(1, config.timeoutSeconds()));
        HubOptions options = HubOptions.of(cache).withEndpoint(config.endpoint()).withToken(config.token())
                .withOffline(config.offline()).withMaxFileBytes(MAX_FILE_BYTES)
                .withTransfer(new TransferSettings(timeout, timeout, 2,
                        TransferSettings.DEFAULTS.progressEveryBytes()));
        return new HubTokenizerFiles(options, config.revision());
    }

    /**
     * The folder holding the repo's tokenizer.json (and its tokenizer_config.json when the repo has one).
     *
     * @param repoId a validated {@code org/name}
     * @throws HubException when the repo or its tokenizer.json cannot be had (not found, offline and not cached,
     *                      unreachable, refused by verification); the reason tells which
     */
    public Path resolve(String repoId) throws HubException, InterruptedException {
        HubDownload json = downloader.fetch(new HubFile(repoId, revision, "tokenizer.json"));
        try {
            downloader.fetch(new HubFile(repoId, json.commit(), "tokenizer_config.json"));
        } catch (HubException e) {
            if (e.reason() != HubException.Reason.NOT_FOUND && e.reason() != HubException.Reason.NOT_CACHED_OFFLINE) {
                throw e;
            }
            LOG.debugf("%s has no usable tokenizer_config.json at %s: %s", repoId, json.commit(), e.getMessage());
        }
        return json.path().getParent();
    }
}
