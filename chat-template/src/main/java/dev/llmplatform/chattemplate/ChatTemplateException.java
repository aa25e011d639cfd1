package dev.llmplatform.chattemplate;

/**
 * Base of every failure a chat template can produce: {@link TemplateSyntaxException} when the template does not
 * compile, {@link TemplateRaisedException} when the template itself calls {@code raise_exception(msg)}, and
 * {@link TemplateRenderException} (with its subclass {@link TemplateLimitException}) for any other failure while
 * rendering.
 */
public abstract sealed class ChatTemplateException extends RuntimeException
        permits TemplateSyntaxException, TemplateRaisedException, TemplateRenderException {

    private static final long serialVersionUID = 1L;

    ChatTemplateException(String message) {
        super(message);
    }

    ChatTemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
