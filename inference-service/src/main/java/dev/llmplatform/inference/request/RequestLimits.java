package dev.llmplatform.inference.request;

/** The bounds every request is held to; documented in the module README. */
public final class RequestLimits {

    /** Most stop strings per request. */
    public static final int MAX_STOP_STRINGS = 4;
    /** Most UTF-8 bytes in one stop string. */
    public static final int MAX_STOP_BYTES = 256;
    /** Largest top_k. */
    public static final int MAX_TOP_K = 10_000;
    /** Most chat messages per request. */
    public static final int MAX_MESSAGES = 1_000;
    /**
     * Most UTF-8 bytes of prompt per token of the slot's context; a longer prompt is refused before tokenization so
     * that a huge prompt costs bounded time.
     */
    public static final int MAX_PROMPT_BYTES_PER_TOKEN = 32;
    /** Longest request_id kept for logs; longer ones are cut. */
    public static final int MAX_REQUEST_ID_CHARS = 128;

    private RequestLimits() {
    }
}
