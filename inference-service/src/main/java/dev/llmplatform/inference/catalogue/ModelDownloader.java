package dev.llmplatform.inference.catalogue;

import dev.llmplatform.hfhub.HubDownload;
import dev.llmplatform.hfhub.HubException;
import dev.llmplatform.hfhub.HubFile;
import dev.llmplatform.hfhub.HubFileDownloader;
import dev.llmplatform.hfhub.HubOptions;
import dev.llmplatform.hfhub.Verification;
import dev.llmplatform.inference.model.ModelLoadException;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Fetches a catalogue entry's GGUF file into the Hugging Face cache ({@code $HF_HOME/hub}) with the {@code hf-hub}
 * library, and turns its failures into {@link ModelLoadException}s that name the entry.
 *
 * <p>A file is verified against the sha256 the catalogue records, else against the sha256 the Hub publishes for it
 * (every LFS file, which GGUF files are). Only a file the Hub gives no sha256 for, with none recorded, needs
 * unverified loading to be allowed ({@code LLM_ALLOW_UNVERIFIED=true}). A file already in the cache is found through
 * {@code refs/<revision>} and {@code snapshots/<commit>/}, without the network; with {@code HF_HUB_OFFLINE} set, the
 * network is never used. Replicas sharing the cache download a file once; an interrupted download resumes.
 */
public final class ModelDownloader {

    private static final Logger LOG = Logger.getLogger(ModelDownloader.class);

    private final HubFileDownloader hub;

    /**
     * A downloader for a Hub (or a mirror, or a test server) at {@code baseUrl}; offline when the environment sets
     * {@code HF_HUB_OFFLINE}.
     */
    /** A downloader, offline (cache only) or not. */
    public ModelDownloader(String baseUrl, Path hfHome, Optional<String> token, boolean allowUnverified,
                           boolean offline) {
        HubOptions options = HubOptions.of(hfHome.resolve("hub")).withToken(token).withOffline(offline)
                .withAllowUnverified(allowUnverified);
        try {
            options = options.withEndpoint(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("inference.hub.endpoint (HF_ENDPOINT) \"" + baseUrl
                    + "\" is not usable: " + e.getMessage(), e);
        }
        this.hub = new HubFileDownloader(options);
    }

    /** The local path of the entry's file, from the cache or downloaded, verified. */
    public Path fetch(CatalogueEntry entry) throws ModelLoadException {
        HubFile file = new HubFile(entry.hfRepo(), entry.revision(), entry.hfFile());
        Optional<String> recorded = Optional.of(entry.sha256()).filter(sha -> !sha.isEmpty());
        try {
            HubDownload download = hub.fetch(file, recorded);
            if (download.verification() == Verification.UNVERIFIED) {
                LOG.warnf("%s: loading an UNVERIFIED file (the Hub gives no sha256 for it, catalogue.json records "
                        + "none; sha256 of the bytes: %s), allowed by LLM_ALLOW_UNVERIFIED", entry.id(),
                        download.sha256().orElse("not computed for a cached file"));
            } else if (recorded.isEmpty()) {
                LOG.infof("%s: verified against the sha256 the Hub publishes (%s); catalogue.json records none",
                        entry.id(), download.sha256().orElse("?"));
            }
            return download.path();
        } catch (HubException e) {
            throw new ModelLoadException(message(entry, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelLoadException("catalogue entry " + entry.id() + ": the download was interrupted", e);
        }
    }

    private static String message(CatalogueEntry entry, HubException e) {
        String prefix = "catalogue entry " + entry.id() + ": ";
        return switch (e.reason()) {
            case NO_HUB_HASH -> prefix + e.getMessage() + "; record its sha256 in catalogue.json, or set "
                    + "LLM_ALLOW_UNVERIFIED=true to load files the Hub gives no sha256 for";
            case CHECKSUM_MISMATCH -> prefix + e.getMessage() + (entry.sha256().isEmpty() ? ""
                    : " (the expected sha256 is the one catalogue.json records)");
            case NETWORK -> prefix + "the download failed: " + e.getMessage() + " (it resumes on the next start)";
            case NOT_CACHED_OFFLINE -> prefix + e.getMessage() + "; unset HF_HUB_OFFLINE to download it";
            default -> prefix + e.getMessage();
        };
    }
}
