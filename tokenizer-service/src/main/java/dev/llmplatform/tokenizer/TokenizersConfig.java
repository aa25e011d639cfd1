package dev.llmplatform.tokenizer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Configuration of the tokenizer service ({@code tokenizers.*}). */
@ConfigMapping(prefix = "tokenizers")
public interface TokenizersConfig {

    /** Folder of tokenizer folders (each with a tokenizer.json) and GGUF files; {@code LLM_TOKENIZERS_DIR}. */
    Optional<Path> dir();

    /** Extra GGUF files served as tokenizers, named after the file without {@code .gguf}. */
    Optional<List<Path>> ggufFiles();

    /** Whether every tokenizer is loaded in the background after start-up (else on first use). */
    @WithDefault("true")
    boolean preload();

    /** Largest text (or batch of texts) accepted, in UTF-8 bytes; beyond it RESOURCE_EXHAUSTED. */
    @WithDefault("10485760")
    long maxTextBytes();

    /** Most texts in one CountBatch request. */
    @WithDefault("10000")
    int maxBatchTexts();

    /** Most tokenizers in one Compare or LanguageEfficiency request. */
    @WithDefault("64")
    int maxTokenizersPerRequest();

    /** Most ids in one Decode request. */
    @WithDefault("4000000")
    int maxDecodeIds();

    /**
     * Largest text Encode accepts, in UTF-8 bytes: its answer carries every token with its string and offsets, so it
     * is bounded more tightly than {@link #maxTextBytes()} (Count takes longer texts).
     */
    @WithDefault("524288")
    long maxEncodeBytes();

    /**
     * UTF-8 bytes of request text being worked on at once, over all calls; a call that does not fit waits up to
     * {@link #admissionWaitMillis()} and is then refused with RESOURCE_EXHAUSTED.
     */
    @WithDefault("10485760")
    long maxBytesInFlight();

    /** How long a call waits for room in {@link #maxBytesInFlight()} before it is refused. */
    @WithDefault("2000")
    long admissionWaitMillis();

    /** Hugging Face cache and Hub access. */
    Hub hub();

    /** Hugging Face cache and Hub access. */
    interface Hub {

        /** The Hugging Face home ({@code HF_HOME}); the cache is its {@code hub} folder. Default ~/.cache/huggingface. */
        Optional<Path> home();

        /** The hub cache folder itself ({@code HF_HUB_CACHE}); default {@code <home>/hub}. */
        Optional<Path> cache();

        /** Access token for gated or private repositories ({@code HF_TOKEN}). */
        Optional<String> token();

        /** Base URL of the Hub. */
        @WithDefault("https://huggingface.co")
        String baseUrl();

        /** When true, repo ids resolve from the local cache only ({@code HF_HUB_OFFLINE}). */
        @WithDefault("false")
        boolean offline();

        /** Revision downloaded when a repo id is not in the cache. */
        @WithDefault("main")
        String revision();

        /** Timeout of one download request, in seconds. */
        @WithDefault("30")
        int timeoutSeconds();

        /**
         * Repo ids served as configured tokenizers (listed, preloaded, never unloaded): from the cache, else
         * downloaded at first load unless offline.
         */
        Optional<List<String>> repos();

        /**
         * Whether a request may make the service load a repo id that is not configured (from the cache, else from the
         * Hub) ({@code LLM_TOKENIZERS_DOWNLOAD}). Off by default.
         */
        @WithDefault("false")
        boolean downloadOnDemand();

        /**
         * Repo ids a request may load when {@link #downloadOnDemand()} is on, as globs ({@code Qwen/*}: {@code *}
         * matches within one segment, {@code ?} one character). None by default: nothing is loaded on request.
         */
        Optional<List<String>> allowedRepos();

        /** Most tokenizers loaded on request held at once; the least recently used is unloaded first. */
        @WithDefault("4")
        int maxOnDemand();

        /**
         * Most memory, in MiB, the tokenizers loaded on request may take together, estimated from their files (see
         * README.md); the least recently used is unloaded first, and a tokenizer estimated above it is refused.
         */
        @WithDefault("1024")
        long maxOnDemandMib();

        /** How long a failed load on request (unknown repo, Hub unreachable, refused file) is answered from memory. */
        @WithDefault("60")
        int failureCacheSeconds();
    }
}
