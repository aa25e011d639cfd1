package dev.llmplatform.tokenizer.engine;

import dev.llmplatform.chattemplate.ChatTemplateOptions;
import java.util.Objects;

/**
 * What a rendered chat prompt may take: at most {@code maxPromptBytes} UTF-8 bytes (the service's text limit), and
 * the chat template's own limits, whose largest string is capped at {@code maxPromptBytes} characters so that
 * rendering stops there instead of building a larger prompt first.
 *
 * @param maxPromptBytes the most UTF-8 bytes of a rendered prompt
 * @param options        the template's clock and limits
 */
public record PromptBounds(long maxPromptBytes, ChatTemplateOptions options) {

    /** Checks the values. */
    public PromptBounds {
        Objects.requireNonNull(options, "options");
        if (maxPromptBytes <= 0) {
            throw new IllegalArgumentException("maxPromptBytes must be positive");
        }
    }

    /** Prompts of at most {@code maxPromptBytes} bytes, the template's default clock and other limits. */
    public static PromptBounds of(long maxPromptBytes) {
        ChatTemplateOptions defaults = ChatTemplateOptions.defaults();
        int maxChars = (int) Math.min(Integer.MAX_VALUE - 8, maxPromptBytes);
        return new PromptBounds(maxPromptBytes, defaults.withLimits(maxChars, defaults.maxIterations(),
                defaults.maxCallDepth()));
    }
}
