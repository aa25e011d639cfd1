package dev.llmplatform.chattemplate;

/**
 * Rendering failed where jinja2 would raise: an undefined value called, indexed or used in arithmetic, a type error
 * ({@code 'a' + 1}), a division by zero, a blocked (unsafe) method, and so on. {@link TemplateLimitException} is the
 * subclass for an exceeded limit.
 */
public sealed class TemplateRenderException extends ChatTemplateException permits TemplateLimitException {

    private static final long serialVersionUID = 1L;

    private final int lineNumber;
    private final String detail;

    TemplateRenderException(String detail, int lineNumber) {
        super(lineNumber > 0 ? "line " + lineNumber + ": " + detail : detail);
        this.lineNumber = lineNumber;
        this.detail = detail;
    }

    /** The 1-based template line being rendered when the failure happened, or 0 when unknown. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The error without the line prefix that {@link #getMessage()} carries. */
    public String detail() {
        return detail;
    }
}
