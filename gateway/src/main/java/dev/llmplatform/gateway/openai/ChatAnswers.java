package dev.llmplatform.gateway.openai;

/** How a chat's answer is written, for the REST endpoint and the WebSocket alike. */
public final class ChatAnswers {

    private ChatAnswers() {
    }

    /**
     * A forced call ({@code tool_choice} "required" or a named function) as {@code tool_calls}; with tools offered,
     * the calls the model writes (Hermes format, or bare JSON) as {@code tool_calls} and its other text as content;
     * else text.
     */
    public static AnswerFormat of(RequestMapping.Parsed request, ChatFormat chat) {
        if (request.forcedToolCall()) {
            return ToolCallFormat.forced(chat);
        }
        return request.offeredFunctions().isEmpty() ? chat : ToolCallFormat.auto(chat, request.offeredFunctions());
    }
}
