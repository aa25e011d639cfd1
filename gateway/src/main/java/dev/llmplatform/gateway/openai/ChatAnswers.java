package dev.llmplatform.gateway.openai;

import java.util.Optional;

/** How a chat's answer is written, for the REST endpoint and the WebSocket alike. */
public final class ChatAnswers {

    private ChatAnswers() {
    }

    /** The answer's format: with tools, {@link #toolCalls}; else text. */
    public static AnswerFormat of(RequestMapping.Parsed request, ChatFormat chat) {
        return toolCalls(request, chat).orElse(chat);
    }

    /**
     * For a chat with tools: a forced call ({@code tool_choice} "required" or a named function) as {@code tool_calls};
     * with tools offered, the calls the model writes (Hermes format, or bare JSON) as {@code tool_calls} and its other
     * text as content. Empty for a chat without tools.
     */
    public static Optional<AnswerFormat> toolCalls(RequestMapping.Parsed request, ChatFormat chat) {
        if (request.forcedToolCall()) {
            return Optional.of(ToolCallFormat.forced(chat));
        }
        return request.offeredFunctions().isEmpty() ? Optional.empty()
                : Optional.of(ToolCallFormat.auto(chat, request.offeredFunctions()));
    }
}
