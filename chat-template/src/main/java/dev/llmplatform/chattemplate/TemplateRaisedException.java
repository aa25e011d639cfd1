package dev.llmplatform.chattemplate;

/**
 * The template rejected its input by calling {@code raise_exception(message)}; {@link #getMessage()} is exactly the
 * template's message (for example Gemma-2's {@code "System role not supported"}), suitable for a client-facing
 * "bad request" answer.
 */
public final class TemplateRaisedException extends ChatTemplateException {

    private static final long serialVersionUID = 1L;

    private final int lineNumber;

    TemplateRaisedException(String message, int lineNumber) {
        super(message);
        this.lineNumber = lineNumber;
    }

    /** The 1-based line of the {@code raise_exception} call in the template source. */
    public int lineNumber() {
        return lineNumber;
    }
}
