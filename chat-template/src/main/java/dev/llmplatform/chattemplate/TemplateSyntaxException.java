package dev.llmplatform.chattemplate;

/**
 * The template source is not valid in the supported Jinja2 subset: a lexing or parsing error, an unknown tag, or an
 * unknown filter or test name (jinja2 reports those when the template is compiled, too).
 */
public final class TemplateSyntaxException extends ChatTemplateException {

    private static final long serialVersionUID = 1L;

    private final int lineNumber;
    private final String detail;

    TemplateSyntaxException(String detail, int lineNumber) {
        super(lineNumber > 0 ? "line " + lineNumber + ": " + detail : detail);
        this.lineNumber = lineNumber;
        this.detail = detail;
    }

    /** The 1-based line of the template source where the error was found, or 0 when unknown. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The error without the line prefix that {@link #getMessage()} carries. */
    public String detail() {
        return detail;
    }
}
