package dev.llmplatform.tokenizer.error;

/**
 * A tokenizer that is listed but could not be loaded or run (corrupt file, refused pipeline, shutdown); maps to
 * UNAVAILABLE. The message names the tokenizer (cut by {@link Echo}), never the file path.
 */
public final class TokenizerUnavailableException extends TokenizerServiceException {

    /** The tokenizer {@code name} failed for {@code reason}. */
    public TokenizerUnavailableException(String name, String reason) {
        super("tokenizer '" + Echo.value(name) + "' is unavailable: " + reason);
    }

    private TokenizerUnavailableException(String message, boolean raw) {
        super(message);
    }

    /** The same failure as a moment ago, answered from the failure cache without loading again. */
    public TokenizerUnavailableException remembered(long secondsLeft) {
        return new TokenizerUnavailableException(getMessage() + " (remembered: not retried for " + secondsLeft
                + " s)", true);
    }
}
