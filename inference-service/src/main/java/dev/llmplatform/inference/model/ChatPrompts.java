package dev.llmplatform.inference.model;

import dev.llmplatform.chatprompt.ChatPromptBuilder;
import dev.llmplatform.chatprompt.ChatPromptOptions;
import dev.llmplatform.chattemplate.TemplateSyntaxException;
import dev.llmplatform.gguf.GgufFile;
import dev.llmplatform.gguf.GgufFormatException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * How the served model's chats become prompts: the shared {@link ChatPromptBuilder} over the model's own vocabulary
 * and its chat template (the GGUF's, or an override), or, when the template does not compile, the reason chats are
 * refused while completions still run.
 *
 * @param builder the builder; empty when the template is broken
 * @param source  where the template comes from: "gguf", "override", "none", or "broken: reason"
 */
public record ChatPrompts(Optional<ChatPromptBuilder> builder, String source) {

    private static final Logger LOG = Logger.getLogger(ChatPrompts.class);

    /**
     * The prompts of a model file, with the template {@code override} in place of the file's when present.
     *
     * @throws ModelLoadException when the file's vocabulary cannot be tokenized in Java
     */
    public static ChatPrompts of(GgufFile gguf, Optional<String> override) throws ModelLoadException {
        String source = override.isPresent() ? "override"
                : gguf.chatTemplate().filter(t -> !t.isEmpty()).isPresent() ? "gguf" : "none";
        try {
            ChatPromptBuilder builder = ChatPromptBuilder.of(gguf,
                    ChatPromptOptions.defaults().withTemplateOverride(override.orElse(null)));
            return new ChatPrompts(Optional.of(builder), source);
        } catch (TemplateSyntaxException e) {
            String reason = "the " + ("override".equals(source) ? "override" : "model's") + " chat template does "
                    + "not compile (" + e.getMessage() + ")";
            LOG.errorf("%s: chats will be refused, completions still run; set LLM_CHAT_TEMPLATE_FILE to a working "
                    + "template", reason);
            return new ChatPrompts(Optional.empty(), "broken: " + reason);
        } catch (GgufFormatException | IllegalArgumentException e) {
            throw new ModelLoadException("the model's vocabulary cannot be tokenized by the service: "
                    + e.getMessage(), e);
        }
    }

    /** Whether chats are rendered by a template (false: plain completion, or a broken template). */
    public boolean templated() {
        return builder.map(ChatPromptBuilder::templated).orElse(false);
    }
}
