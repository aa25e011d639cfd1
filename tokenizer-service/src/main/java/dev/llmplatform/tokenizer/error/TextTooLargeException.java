package dev.llmplatform.tokenizer.error;

/** A text (or batch) over the configured maximum size; maps to RESOURCE_EXHAUSTED. */
public final class TextTooLargeException extends TokenizerServiceException {

    /** The text took {@code bytes} UTF-8 bytes against a limit of {@code maxBytes}. */
    public TextTooLargeException(String what, long bytes, long maxBytes) {
        this(what, bytes, maxBytes, "");
    }

    private TextTooLargeException(String message) {
        super(message);
    }

    /** {@code what} grew past {@code maxBytes} while it was being built, and building stopped there. */
    public static TextTooLargeException cutOff(String what, long maxBytes) {
        return new TextTooLargeException(what + " grew past the maximum of " + maxBytes
                + " UTF-8 bytes (building it stopped there)");
    }

    /** As above, with {@code hint} appended (for example where longer texts are taken). */
    public TextTooLargeException(String what, long bytes, long maxBytes, String hint) {
        super(what + " is " + bytes + " UTF-8 bytes; the maximum is " + maxBytes + " bytes" + hint);
    }
}
