package dev.llmplatform.inference.request;

import dev.llmplatform.inference.engine.ChatTurn;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.proto.inference.v1.Chat;
import dev.llmplatform.proto.inference.v1.ChatMessage;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the prompt text of a request.
 *
 * <p>A raw prompt is used as it is. A chat is checked (at least one message, known roles, system messages only at
 * the start, the last message from the user) and its contents are neutralised by {@link SpecialTokenGuard}. With a
 * chat template the messages are rendered by the model's template. Without one (plain completion) the prompt is the
 * message contents in order, joined with one newline ({@code "\n"}), roles dropped; the caller is told through
 * {@code Final.plain_completion}.
 */
public final class PromptBuilder {

    /** The separator between message contents in plain-completion mode. */
    public static final String PLAIN_SEPARATOR = "\n";

    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    private final TextEngine engine;
    private final SpecialTokenGuard guard;

    /** A builder for the engine's model. */
    public PromptBuilder(TextEngine engine) {
        this.engine = engine;
        this.guard = new SpecialTokenGuard(engine);
    }

    /** The prompt of a request and whether it runs as plain completion of a chat. */
    public record Prompt(String text, boolean plainCompletion) {
    }

    /** Builds the prompt, or throws {@link InferenceError} INVALID_ARGUMENT. */
    public Prompt build(GenerateRequest request) {
        switch (request.getInputCase()) {
            case PROMPT -> {
                if (request.getPrompt().isEmpty()) {
                    throw InferenceError.invalid("prompt is empty");
                }
                return new Prompt(request.getPrompt(), false);
            }
            case CHAT -> {
                List<ChatTurn> turns = checkedTurns(request.getChat());
                if (engine.facts().hasChatTemplate()) {
                    return new Prompt(engine.renderChat(turns), false);
                }
                List<String> contents = turns.stream().map(ChatTurn::content).toList();
                return new Prompt(String.join(PLAIN_SEPARATOR, contents), true);
            }
            default -> throw InferenceError.invalid("request has neither a prompt nor a chat");
        }
    }

    private List<ChatTurn> checkedTurns(Chat chat) {
        List<ChatMessage> messages = chat.getMessagesList();
        if (messages.isEmpty()) {
            throw InferenceError.invalid("chat has no messages");
        }
        if (messages.size() > RequestLimits.MAX_MESSAGES) {
            throw InferenceError.invalid("chat has " + messages.size() + " messages, over the limit of "
                    + RequestLimits.MAX_MESSAGES);
        }
        List<ChatTurn> turns = new ArrayList<>(messages.size());
        boolean pastSystem = false;
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            String role = message.getRole();
            if (!ROLES.contains(role)) {
                throw InferenceError.invalid("messages[" + i + "].role must be system, user or assistant, got \""
                        + abbreviate(role) + "\"");
            }
            if ("system".equals(role) && pastSystem) {
                throw InferenceError.invalid("messages[" + i + "] is a system message after the first user or "
                        + "assistant message; system messages must come first");
            }
            pastSystem |= !"system".equals(role);
            turns.add(new ChatTurn(role, guard.neutralise(message.getContent())));
        }
        if (!"user".equals(turns.get(turns.size() - 1).role())) {
            throw InferenceError.invalid("the last message must be from the user, got "
                    + turns.get(turns.size() - 1).role());
        }
        return turns;
    }

    private static String abbreviate(String text) {
        String cut = text.length() > 32 ? text.substring(0, 32) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
