package dev.llmplatform.inference.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The service's configuration ({@code inference.*}); environment variables are wired in application.properties. */
@ConfigMapping(prefix = "inference")
public interface InferenceConfig {

    /** The model to serve. */
    Model model();

    /** Native threads for decoding; 0 chooses from the core count (1 on up to 2 cores, else half the cores). */
    @WithDefault("0")
    int threads();

    /** Tokens of context per slot; 0 takes the catalogue entry's, else min(trained context, 4096). */
    @WithDefault("0")
    int context();

    /** Slots (requests decoded together); 0 takes the catalogue entry's, else 1. */
    @WithDefault("0")
    int slots();

    /** Requests that may wait for a slot before new ones get RESOURCE_EXHAUSTED. */
    @WithDefault("16")
    int maxQueue();

    /**
     * How long a Generate stream may stay silent before the service sends a {@code Progress} message (also sent at
     * once when a request is accepted), so callers can tell a slow request from a stalled service.
     */
    @WithDefault("1s")
    Duration heartbeatInterval();

    /** How long shutdown waits for running generations before ending them with an error. */
    @WithDefault("30s")
    Duration drainTimeout();

    /**
     * Flash attention in the engine (llama.cpp {@code --flash-attn}): true or false; unset, on when layers are
     * offloaded to a GPU and off on the CPU ({@code FlashAttentionDefault}).
     */
    Optional<Boolean> flashAttention();

    /**
     * Whether llama.cpp's own log (load details, per-request timings, its warnings) is printed to stdout. Off by
     * default: its log thread is woken for every decoded token (docs/adr/0005-native-log-paused.md); the service logs
     * the load settings, memory plan and errors itself.
     */
    @WithDefault("false")
    boolean nativeLog();

    /**
     * A file holding a chat template (Jinja) to use instead of the model's own, for models whose GGUF carries a broken
     * or missing template; it wins over a catalogue entry's {@code chat_template}.
     */
    Optional<String> chatTemplateFile();

    /**
     * Whether engine slots keep their KV cells after a request and reuse the longest common prefix of the next prompt
     * (llama-server's {@code cache_prompt}; docs/adr/0011-prompt-cache.md).
     */
    @WithDefault("true")
    boolean promptCache();

    /**
     * Most KV cells the idle slots keep together for the prompt cache (every decode step attends over the cells in
     * use, so what idle slots keep slows the running streams); -1 means one slot's context.
     */
    @WithDefault("-1")
    int promptCacheCells();

    /** Layers to offload to a GPU: -1 chooses from the memory plan, 0 forces CPU. */
    @WithDefault("-1")
    int gpuLayers();

    /** A CUDA (or other) build of libjllama to load instead of the bundled CPU library. */
    Optional<String> nativeLibPath();

    /** Sampling defaults for fields a request leaves unset (a catalogue entry overrides them). */
    Sampling sampling();

    /** Loading the model for embeddings instead of generation. */
    Embedding embedding();

    /** The Hugging Face Hub and cache the catalogue's models come from. */
    Hub hub();

    /** Model selection. */
    interface Model {
        /** Path of a GGUF file; takes precedence over {@link #id()}. */
        Optional<String> path();

        /** Served name; default the file name without .gguf, lower-cased. */
        Optional<String> name();

        /** A catalogue entry to serve (downloaded into the Hugging Face cache when missing). */
        Optional<String> id();
    }

    /** Default sampling parameters. */
    interface Sampling {
        /** max_tokens for requests that send 0. */
        @WithDefault("256")
        int maxTokens();

        /** Temperature. */
        @WithDefault("0.8")
        float temperature();

        /** top_p. */
        @WithDefault("0.95")
        float topP();

        /** top_k. */
        @WithDefault("40")
        int topK();

        /** min_p. */
        @WithDefault("0.05")
        float minP();

        /** repeat_penalty. */
        @WithDefault("1.0")
        float repeatPenalty();
    }

    /**
     * Hugging Face Hub settings, named as in every service ({@code <service>.hub.*}) and read from Hugging Face's own
     * environment variables.
     */
    /** Embedding mode: the service serves Embed with its model and refuses Generate. */
    interface Embedding {
        /** Whether the model is loaded for embeddings ({@code LLM_EMBEDDING}). */
        @WithDefault("false")
        boolean enabled();

        /**
         * {@code cls} or {@code last} ({@code LLM_EMBEDDING_POOLING}); unset, the GGUF's {@code <arch>.pooling_type}
         * decides, and {@code last} when the file has none (a decoder model).
         */
        Optional<String> pooling();

        /** Most inputs one Embed call may carry ({@code LLM_EMBEDDING_MAX_INPUTS}). */
        @WithDefault("64")
        int maxInputs();
    }

    interface Hub {
        /** Hugging Face cache root ({@code HF_HOME}); models go under {@code hub/}. Default ~/.cache/huggingface. */
        Optional<String> home();

        /** Bearer token for downloads ({@code HF_TOKEN}). */
        Optional<String> token();

        /** Base URL of the Hub ({@code HF_ENDPOINT}; tests point it at a local server). */
        @WithDefault("https://huggingface.co")
        String endpoint();

        /** Use only what the cache holds ({@code HF_HUB_OFFLINE}). */
        @WithDefault("false")
        boolean offline();

        /** Also load files for which neither the catalogue nor the Hub gives a sha256 ({@code LLM_ALLOW_UNVERIFIED}). */
        @WithDefault("false")
        boolean allowUnverified();
    }
}
