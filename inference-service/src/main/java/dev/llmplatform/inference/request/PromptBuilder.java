package dev.llmplatform.inference.request;

import dev.llmplatform.chatprompt.ChatPrompt;
import dev.llmplatform.chatprompt.ChatPromptBuilder;
import dev.llmplatform.chattemplate.ChatTemplateException;
import dev.llmplatform.chattemplate.TemplateRaisedException;
import dev.llmplatform.inference.engine.EnginePrompt;
import dev.llmplatform.inference.model.ChatPrompts;
import dev.llmplatform.proto.inference.v1.Chat;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import java.util.OptionalInt;

/**
 * Builds the prompt of a request. A raw prompt is text here; the validator has the engine tokenize it as
 * llama-server's {@code /completion} does and sends the ids. A chat is checked ({@link ChatMessages}) and rendered by the shared
 * {@link ChatPromptBuilder}: the model's chat template (or an override), tokenized in Java so that special tokens the
 * template writes become control tokens while everything from the request stays literal text, unchanged; the engine
 * gets those token ids. Without a template a chat runs as plain completion (contents joined with {@code "\n"}).
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
            return builder.build(ChatMessages.messages(chat), ChatMessages.tools(chat), addGenerationPrompt, null);
        } catch (TemplateRaisedException e) {
            throw InferenceError.invalid("the model's chat template refused the messages: " + e.getMessage());
        } catch (ChatTemplateException e) {
            throw InferenceError.invalid("the model's chat template failed on these messages: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw InferenceError.invalid(e.getMessage());
        }
    }
}
