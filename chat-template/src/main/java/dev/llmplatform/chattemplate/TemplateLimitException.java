package dev.llmplatform.chattemplate;

/**
 * Rendering stopped because it exceeded one of the {@link ChatTemplateOptions} limits (output size, iterations, call
 * depth) or the sandbox's range limit, instead of running on or overflowing the stack.
 */
public final class TemplateLimitException extends TemplateRenderException {

    private static final long serialVersionUID = 1L;

    TemplateLimitException(String detail, int lineNumber) {
        super(detail, lineNumber);
    }
}
