package dev.llmplatform.inference.request;

import dev.llmplatform.chatprompt.ChatPrompt;
import dev.llmplatform.chatprompt.ChatPromptBuilder;
import dev.llmplatform.chattemplate.ChatTemplateException;
import dev.llmplatform.chattemplate.RenderedPrompt;
import dev.llmplatform.chattemplate.TemplateRaisedException;
import dev.llmplatform.inference.engine.EnginePrompt;
import dev.llmplatform.inference.model.ChatPrompts;
import dev.llmplatform.proto.inference.v1.Chat;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Builds the prompt of a request. A raw prompt is text here; the validator has the engine tokenize it as
 * llama-server's {@code /completion} does and sends the ids. A chat is checked ({@link ChatMessages}) and rendered by the shared
 * {@link ChatPromptBuilder}: the model's chat template (or an override), tokenized in Java so that special tokens the
 * template writes become control tokens while everything from the request stays literal text, unchanged; the engine
 * gets those token ids. Without a template a chat runs as plain completion (contents joined with {@code "\n"}). Tools
 * are refused where the model would never see them (no template, or one that does not render them).
 */
public final class PromptBuilder {

    private final ChatPrompts chats;

    /** A builder for a model's chats. */
    public PromptBuilder(ChatPrompts chats) {
        this.chats = chats;
    }

    /**
     * A request's prompt.
     *
     * @param engine          what the engine evaluates
     * @param text            the prompt as text
     * @param tokens          its token count when the service tokenized it (chats), else empty
     * @param plainCompletion a chat run as plain completion because the model has no template
     */
    public record Prompt(EnginePrompt engine, String text, OptionalInt tokens, boolean plainCompletion) {
    }

    /** Builds the prompt, or throws {@link InferenceError} INVALID_ARGUMENT. */
    public Prompt build(GenerateRequest request) {
        switch (request.getInputCase()) {
            case PROMPT -> {
                if (request.getPrompt().isEmpty()) {
                    throw InferenceError.invalid("prompt is empty");
                }
                return new Prompt(new EnginePrompt.Text(request.getPrompt()), request.getPrompt(), OptionalInt.empty(),
                        false);
            }
            case CHAT -> {
                ChatPrompt chat = render(request.getChat(), true);
                return new Prompt(new EnginePrompt.Tokens(chat.ids()), chat.text(), OptionalInt.of(chat.tokenCount()),
                        !chat.templated());
            }
            default -> throw InferenceError.invalid("request has neither a prompt nor a chat");
        }
    }

    /**
     * Renders a chat into its prompt text and ids.
     *
     * @param addGenerationPrompt end with the assistant turn's opening
     */
    public ChatPrompt render(Chat chat, boolean addGenerationPrompt) {
        ChatPromptBuilder builder = chats.builder().orElseThrow(() -> InferenceError.failedPrecondition(
                "chats cannot be served: " + chats.source().replaceFirst("^broken: ", "")
                        + "; completions (a raw prompt) still run"));
        try {
            List<Map<String, Object>> messages = ChatMessages.messages(chat);
            List<Map<String, Object>> tools = ChatMessages.tools(chat);
            RenderedPrompt rendered = builder.render(messages, tools, addGenerationPrompt, null);
            if (tools != null && !tools.isEmpty()) {
                requireToolsRendered(builder, rendered, messages, addGenerationPrompt);
            }
            return builder.tokenize(rendered);
        } catch (TemplateRaisedException e) {
            throw InferenceError.invalid("the model's chat template refused the messages: " + e.getMessage());
        } catch (ChatTemplateException e) {
            throw InferenceError.invalid("the model's chat template failed on these messages: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw InferenceError.invalid(e.getMessage());
        }
    }

    /**
     * Refuses tools the model would never see: a model without a chat template runs chats as plain completion, and a
     * template that renders the same prompt with the tools as without them has no place for them. Without this the
     * tools, and a tool_choice of "auto", would be ignored without a word.
     */
    private static void requireToolsRendered(ChatPromptBuilder builder, RenderedPrompt withTools,
                                             List<Map<String, Object>> messages, boolean addGenerationPrompt) {
        if (!builder.templated()) {
            throw InferenceError.invalid("tools cannot be offered to this model: it has no chat template, so its"
                    + " chats run as plain completion and it would never see them; leave tools out, or serve the"
                    + " model with a template that renders tools (LLM_CHAT_TEMPLATE_FILE)");
        }
        if (builder.render(messages, null, addGenerationPrompt, null).text().equals(withTools.text())) {
            throw InferenceError.invalid("tools cannot be offered to this model: its chat template does not render"
                    + " them, so it would never see them; leave tools out, or serve the model with a template that"
                    + " renders tools (LLM_CHAT_TEMPLATE_FILE)");
        }
    }
}
