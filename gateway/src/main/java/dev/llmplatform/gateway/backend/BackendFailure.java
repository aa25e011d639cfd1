package dev.llmplatform.gateway.backend;

/**
 * A refusal or failure of a backend service (inference or tokenizer), in the gateway's terms: what kind it is and a
 * message that is safe to show a client. {@link dev.llmplatform.gateway.error.ErrorMapping} decides the status and
 * body; no stack trace is kept.
 */
public final class BackendFailure extends RuntimeException {

    /** The kinds of failure the gateway tells apart. */
    public enum Kind {
        /** The service refused a parameter or the request's size (its message names the numbers). */
        INVALID_ARGUMENT,
        /** The model cannot render chats (its template is broken); raw prompts still run. */
        TEMPLATE_UNAVAILABLE,
        /** No endpoint serves the model. */
        MODEL_NOT_FOUND,
        /** The model is served for another endpoint: embeddings asked of a generating model, or the reverse. */
        WRONG_ENDPOINT,
        /** The tokenizer service does not know the tokenizer. */
        TOKENIZER_NOT_FOUND,
        /** A text over the tokenizer service's size limit. */
        TOO_LARGE,
        /** Every place is taken (admission queue, or every endpoint's slots and queue). */
        BUSY,
        /** No endpoint is ready, or the service is down or slow. */
        UNAVAILABLE,
        /** A generation passed its deadline. */
        DEADLINE,
        /** The endpoint went silent. */
        STALLED,
        /** The service failed in an unexpected way. */
        FAILED,
        /** The engine failed after generation started. */
        GENERATION_FAILED,
        /** The stream ended without its final message. */
        INCOMPLETE
    }

    private final Kind kind;
    private final Integer retryAfterSeconds;

    /** A failure of a kind, with a client-safe message and an optional Retry-After. */
    public BackendFailure(Kind kind, String message, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A failure without Retry-After. */
    public BackendFailure(Kind kind, String message) {
        this(kind, message, null);
    }

    /** The kind. */
    public Kind kind() {
        return kind;
    }

    /** Seconds for Retry-After, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
