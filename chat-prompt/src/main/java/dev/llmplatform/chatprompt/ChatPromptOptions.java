package dev.llmplatform.chatprompt;

import dev.llmplatform.chattemplate.ChatTemplateOptions;
import java.util.Objects;

/**
 * How a {@link ChatPromptBuilder} is set up from a GGUF file.
 *
 * @param templateOverride a chat template to use instead of the file's {@code tokenizer.chat_template}; null (or
 *                         empty) keeps the file's
 * @param templateOptions  the clock behind {@code strftime_now} and the render limits
 */
public record ChatPromptOptions(String templateOverride, ChatTemplateOptions templateOptions) {

    /** Checks that the template options are there. */
    public ChatPromptOptions {
        Objects.requireNonNull(templateOptions, "templateOptions");
    }

    /** The file's own template, the default clock and limits. */
    public static ChatPromptOptions defaults() {
        return new ChatPromptOptions(null, ChatTemplateOptions.defaults());
    }

    /** These options with a template that replaces the file's (null for the file's). */
    public ChatPromptOptions withTemplateOverride(String template) {
        return new ChatPromptOptions(template, templateOptions);
    }

    /** These options with other template options. */
    public ChatPromptOptions withTemplateOptions(ChatTemplateOptions options) {
        return new ChatPromptOptions(templateOverride, options);
    }
}
