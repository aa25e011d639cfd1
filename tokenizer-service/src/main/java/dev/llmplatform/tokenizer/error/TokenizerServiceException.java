package dev.llmplatform.tokenizer.error;

/**
 * Base of the typed domain errors of the tokenizer service. Messages are safe to show to a client: they never
 * contain file paths, stack traces or memory addresses. {@link GrpcErrorMapper} turns each subtype into a status.
 */
public abstract class TokenizerServiceException extends RuntimeException {

    protected TokenizerServiceException(String message) {
        super(message, null, false, false);
    }
}
