package dev.llmplatform.gateway.openai;

import dev.llmplatform.gateway.backend.Chat;
import dev.llmplatform.gateway.error.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI messages and tools as the backend's {@link Chat}: {@code developer} becomes {@code system}, an assistant
 * message's null content becomes "", tool calls keep their JSON arguments as text, a tool message keeps its
 * {@code tool_call_id} and {@code name}. Only the shape is checked; the inference service checks the rest (roles,
 * order, the last message, names) and its chat template renders them.
 */
public final class ChatRequests {

    private ChatRequests() {
    }

    /** The messages, shape checked. */
    public static List<Chat.Message> messages(List<ChatParams.Message> messages) {
        List<Chat.Message> mapped = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            ChatParams.Message m = messages.get(i);
            String where = "messages[" + i + "]";
            if (m == null) {
                throw ApiException.invalid(where, where + " must be an object, got null");
            }
            if (m.role() == null) {
                throw ApiException.invalid(where + ".role", where + ".role is required");
            }
            String role = "developer".equals(m.role()) ? "system" : m.role();
            String content = m.content() == null ? "" : m.content().text();
            mapped.add(new Chat.Message(role, content, toolCalls(m.toolCalls(), where),
                    m.toolCallId() == null ? "" : m.toolCallId(),
                    "tool".equals(role) && m.name() != null ? m.name() : ""));
        }
        return mapped;
    }

    /** The tools, shape checked (empty for none). */
    public static List<Chat.Tool> tools(List<ChatParams.Tool> tools) {
        if (tools == null) {
            return List.of();
        }
        List<Chat.Tool> mapped = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            ChatParams.Tool tool = tools.get(i);
            String where = "tools[" + i + "]";
            if (tool == null || tool.function() == null) {
                throw ApiException.invalid(where + ".function", where + ".function is required");
            }
            requireFunctionType(tool.type(), where);
            ChatParams.Function function = tool.function();
            if (function.parameters() != null && !function.parameters().isNull() && !function.parameters().isObject()) {
                throw ApiException.invalid(where + ".function.parameters", where
                        + ".function.parameters must be a JSON schema object");
            }
            mapped.add(new Chat.Tool(text(function.name()), text(function.description()),
                    function.parameters() == null || function.parameters().isNull() ? ""
                            : function.parameters().toString()));
        }
        return mapped;
    }

    private static List<Chat.ToolCall> toolCalls(List<ChatParams.ToolCall> calls, String message) {
        if (calls == null) {
            return List.of();
        }
        List<Chat.ToolCall> mapped = new ArrayList<>(calls.size());
        for (int k = 0; k < calls.size(); k++) {
            ChatParams.ToolCall call = calls.get(k);
            String where = message + ".tool_calls[" + k + "]";
            if (call == null || call.function() == null) {
                throw ApiException.invalid(where + ".function", where + ".function is required");
            }
            requireFunctionType(call.type(), where);
            mapped.add(new Chat.ToolCall(text(call.id()), text(call.function().name()),
                    text(call.function().arguments())));
        }
        return mapped;
    }

    private static void requireFunctionType(String type, String where) {
        if (type != null && !"function".equals(type)) {
            throw ApiException.invalid(where + ".type", where + ".type must be 'function'");
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
