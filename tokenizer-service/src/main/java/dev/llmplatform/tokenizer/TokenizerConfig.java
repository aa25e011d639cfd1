package dev.llmplatform.tokenizer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Configuration of the tokenizer service: {@code tokenizer.<area>.<name>} (the platform's scheme: service prefix,
 * area, name). Environment variables: {@code LLM_*} for platform-wide settings the local runner gives every service
 * ({@code LLM_TOKENIZERS_DIR}, {@code LLM_MODEL}, ...), {@code TOKENIZER_*} for this service's own (SmallRye's
 * mapping of every property: {@code TOKENIZER_MAX_TEXT_BYTES}), {@code HF_*} Hugging Face's own variables.
 */
@ConfigMapping(prefix = "tokenizer")
public interface TokenizerConfig {

    /** Folder of tokenizer folders (each with a tokenizer.json) and GGUF files; {@code LLM_TOKENIZERS_DIR}. */
    Optional<Path> dir();

    /** Extra GGUF files served as tokenizers, named after the file without {@code .gguf}. */
    Optional<List<Path>> ggufFiles();

    /** Whether every configured tokenizer is loaded in the background after start-up (else on first use). */
    @WithDefault("true")
    boolean preload();

    /** Largest text (or batch of texts, or chat, or rendered prompt) accepted, in UTF-8 bytes. */
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

    /**
     * The model the inference service serves, read from the same environment the local runner gives both services
     * ({@code tokenizer.model.*}: {@code LLM_MODEL}, {@code LLM_MODEL_NAME}, {@code LLM_CHAT_TEMPLATE_FILE}).
     */
    ServedModel model();

    /**
     * More served models ({@code LLM_SERVED_MODELS}), comma-separated entries {@code [name=]file.gguf} with an optional
     * {@code ;template=file} (a chat template replacing the file's); without a name, the served name is derived from
     * the file as the inference service derives it.
     */
    Optional<List<String>> servedModels();

    /** The cost catalogue ({@code tokenizer.cost.models."<model>".*}). */
    Cost cost();

    /** Hugging Face cache and Hub access. */
    Hub hub();

    /** The model the inference service serves ({@code tokenizer.model.*}). */
    interface ServedModel {

        /** Its GGUF file ({@code LLM_MODEL}); none: no single served model is configured. */
        Optional<Path> path();

        /** The name it is served under ({@code LLM_MODEL_NAME}); default: the file name without .gguf, lower-cased. */
        Optional<String> name();

        /** A chat template file replacing the GGUF's ({@code LLM_CHAT_TEMPLATE_FILE}). */
        Optional<Path> chatTemplateFile();
    }

    /** The cost catalogue. */
    interface Cost {

        /** Catalogue entries by model name. */
        Map<String, CostModel> models();
    }

    /**
     * One catalogue model: which tokenizer counts for it, its context length and its prices. Prices are the
     * operator's configuration and have no default: a model without both prices has unknown costs, not zero ones.
     * An entry named like a served model only adds prices (and may set a context length) to it.
     */
    interface CostModel {

        /** Name of the tokenizer that counts for this model (not needed for a served model). */
        Optional<String> tokenizer();

        /** Context length in tokens (a served model's default is its file's trained context). */
        OptionalInt contextLength();

        /** US dollars per million prompt tokens. */
        OptionalDouble inputUsdPerMillion();

        /** US dollars per million answer tokens. */
        OptionalDouble outputUsdPerMillion();
    }

    /** Hugging Face cache and Hub access ({@code tokenizer.hub.*}). */
    interface Hub {

        /** The Hugging Face home ({@code HF_HOME}); the cache is its {@code hub} folder. Default ~/.cache/huggingface. */
        Optional<Path> home();

        /** The hub cache folder itself ({@code HF_HUB_CACHE}); default {@code <home>/hub}. */
        Optional<Path> cache();

        /** Access token for gated or private repositories ({@code HF_TOKEN}). */
        Optional<String> token();

        /** Base URL of the Hub ({@code HF_ENDPOINT}). */
        @WithDefault("https://huggingface.co")
        String endpoint();

        /** When true, repo ids resolve from the local cache only ({@code HF_HUB_OFFLINE}). */
        @WithDefault("false")
        boolean offline();

        /** Revision downloaded when a repo id is not in the cache. */
        @WithDefault("main")
        String revision();

        /** Read timeout of a download, in seconds (waiting for the answer and for each part of its body). */
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
