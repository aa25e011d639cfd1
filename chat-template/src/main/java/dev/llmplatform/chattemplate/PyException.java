package dev.llmplatform.chattemplate;

/**
 * An error raised while evaluating, named after the Python exception jinja2 would raise. The renderer turns it into
 * the public exception types, with the line being rendered.
 */
final class PyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    enum Kind {
        TYPE("TypeError"), VALUE("ValueError"), UNDEFINED("UndefinedError"), SECURITY("SecurityError"),
        RUNTIME("TemplateRuntimeError"), ZERO_DIVISION("ZeroDivisionError"), OVERFLOW("OverflowError"),
        LIMIT("LimitExceeded"), RAISED("TemplateError");

        final String pythonName;

        Kind(String pythonName) {
            this.pythonName = pythonName;
        }
    }

    final Kind kind;
    private int line;

    PyException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** Records the template line of the innermost node that failed (outer nodes leave it alone). */
    void setLineIfUnknown(int newLine) {
        if (line == 0) {
            line = newLine;
        }
    }

    int line() {
        return line;
    }

    static PyException type(String message) {
        return new PyException(Kind.TYPE, message);
    }

    static PyException value(String message) {
        return new PyException(Kind.VALUE, message);
    }

    static PyException runtime(String message) {
        return new PyException(Kind.RUNTIME, message);
    }

    static PyException limit(String message) {
        return new PyException(Kind.LIMIT, message);
    }
}
