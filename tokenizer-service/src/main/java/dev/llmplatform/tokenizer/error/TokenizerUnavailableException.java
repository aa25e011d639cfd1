package dev.llmplatform.tokenizer.error;

/**
 * A tokenizer that is listed but could not be loaded or run (corrupt file, native failure); maps to UNAVAILABLE
 * (loading) or INTERNAL. The message names the tokenizer, never the file path.
 */
public final class TokenizerUnavailableException extends TokenizerServiceException {

    /** The tokenizer {@code name} failed for {@code reason}. */
    public TokenizerUnavailableException(String name, String reason) {
        super("tokenizer '" + name + "' is unavailable: " + reason);
    }
}
