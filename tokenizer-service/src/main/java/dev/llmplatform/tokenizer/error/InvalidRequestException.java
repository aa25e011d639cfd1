package dev.llmplatform.tokenizer.error;

/** A malformed request (empty name, bad ids, bad arguments); maps to INVALID_ARGUMENT. */
public final class InvalidRequestException extends TokenizerServiceException {

    /** A validation failure with a precise message. */
    public InvalidRequestException(String message) {
        super(message);
    }
}
