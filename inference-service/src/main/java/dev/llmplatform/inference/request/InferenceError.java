package dev.llmplatform.inference.request;

/**
 * A failure with a client-safe message and its kind; {@code GrpcErrors} maps kinds to status codes in one place.
 */
public final class InferenceError extends RuntimeException {

    /** The kinds of failure the contract distinguishes. */
    public enum Kind {
        /** A bad parameter or a prompt that does not fit. */
        INVALID_ARGUMENT,
        /** A model this process does not serve. */
        NOT_FOUND,
        /** All slots and the queue are full. */
        RESOURCE_EXHAUSTED,
        /** Loading, failed to load, or draining. */
        UNAVAILABLE,
        /** The request cannot be served in the service's current configuration (a chat with a broken template). */
        FAILED_PRECONDITION,
        /** A failure inside the service or engine. */
        INTERNAL
    }

    private final Kind kind;

    private InferenceError(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** The kind of failure. */
    public Kind kind() {
        return kind;
    }

    /** A bad parameter; the message names the parameter and the numbers. */
    public static InferenceError invalid(String message) {
        return new InferenceError(Kind.INVALID_ARGUMENT, message);
    }

    /** An unknown model name. */
    public static InferenceError notFound(String message) {
        return new InferenceError(Kind.NOT_FOUND, message);
    }

    /** Slots and queue are full. */
    public static InferenceError exhausted(String message) {
        return new InferenceError(Kind.RESOURCE_EXHAUSTED, message);
    }

    /** Not ready to serve. */
    public static InferenceError unavailable(String message) {
        return new InferenceError(Kind.UNAVAILABLE, message);
    }

    /** Not servable in the current configuration. */
    public static InferenceError failedPrecondition(String message) {
        return new InferenceError(Kind.FAILED_PRECONDITION, message);
    }

    /** An internal failure. */
    public static InferenceError internal(String message) {
        return new InferenceError(Kind.INTERNAL, message);
    }
}
