package dev.llmplatform.gateway.backend;

import java.util.List;

/**
 * A chat to render with the model's template.
 *
 * @param messages the messages in order
 * @param tools    the functions the model may call (empty for none)
 */
public record Chat(List<Message> messages, List<Tool> tools) {

    /**
     * One message.
     *
     * @param role       system, user, assistant or tool (as sent; the inference service checks it)
     * @param content    the text ("" for an assistant message that only calls tools)
     * @param toolCalls  the calls an assistant message made
     * @param toolCallId on a tool message: the call it answers ("" otherwise)
     * @param name       on a tool message: the function's name ("" otherwise)
     */
    public record Message(String role, String content, List<ToolCall> toolCalls, String toolCallId, String name) {

        /** A message with text only. */
        public static Message text(String role, String content) {
            return new Message(role, content, List.of(), "", "");
        }
    }

    /**
     * A call of a function by the model.
     *
     * @param id            the call's id
     * @param name          the function
     * @param argumentsJson the arguments as JSON text
     */
    public record ToolCall(String id, String name, String argumentsJson) {
    }

    /**
     * A function the model may call.
     *
     * @param name           its name
     * @param description    what it does ("" for none)
     * @param parametersJson the JSON schema of its parameters as JSON text ("" for none)
     */
    public record Tool(String name, String description, String parametersJson) {
    }
}
