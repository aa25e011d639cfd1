package dev.llmplatform.inference.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.proto.inference.v1.Chat;
import dev.llmplatform.proto.inference.v1.ChatMessage;
import dev.llmplatform.proto.inference.v1.Tool;
import dev.llmplatform.proto.inference.v1.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a chat and turns it into the values a chat template reads, the way transformers' {@code apply_chat_template}
 * receives them: messages as maps with {@code role}, {@code content} (None for an assistant message that only calls
 * tools), {@code tool_calls} ({@code {id, type: "function", function: {name, arguments}}}, arguments as an object
 * when they are a JSON object), {@code tool_call_id} and {@code name}; tools as {@code {type: "function", function:
 * {name, description, parameters}}}.
 */
public final class ChatMessages {

    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatMessages() {
    }

    /** The checked messages as template values; INVALID_ARGUMENT naming the message and field otherwise. */
    public static List<Map<String, Object>> messages(Chat chat) {
        List<ChatMessage> messages = chat.getMessagesList();
        if (messages.isEmpty()) {
            throw InferenceError.invalid("chat has no messages");
        }
        if (messages.size() > RequestLimits.MAX_MESSAGES) {
            throw InferenceError.invalid("chat has " + messages.size() + " messages, over the limit of "
                    + RequestLimits.MAX_MESSAGES);
        }
        List<Map<String, Object>> values = new ArrayList<>(messages.size());
        boolean pastSystem = false;
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            String role = message.getRole();
            if (!ROLES.contains(role)) {
                throw InferenceError.invalid("messages[" + i + "].role must be system, user, assistant or tool, got \""
                        + abbreviate(role) + "\"");
            }
            if ("system".equals(role) && pastSystem) {
                throw InferenceError.invalid("messages[" + i + "] is a system message after the first user or "
                        + "assistant message; system messages must come first");
            }
            pastSystem |= !"system".equals(role);
            values.add(message(message, i));
        }
        String last = messages.get(messages.size() - 1).getRole();
        if (!"user".equals(last) && !"tool".equals(last)) {
            throw InferenceError.invalid("the last message must be from the user or a tool, got " + last);
        }
        if ("user".equals(last) && messages.get(messages.size() - 1).getContent().isEmpty()) {
            throw InferenceError.invalid("the last user message must not be empty");
        }
        return values;
    }

    /** The chat's tools as template values, or null when it has none (templates test {@code tools} for none). */
    public static List<Map<String, Object>> tools(Chat chat) {
        if (chat.getToolsCount() == 0) {
            return null;
        }
        List<Map<String, Object>> tools = new ArrayList<>();
        for (int i = 0; i < chat.getToolsCount(); i++) {
            Tool tool = chat.getTools(i);
            if (tool.getName().isEmpty()) {
                throw InferenceError.invalid("tools[" + i + "].name is empty");
            }
            Map<String, Object> function = new LinkedHashMap<>();
            function.put("name", tool.getName());
            if (!tool.getDescription().isEmpty()) {
                function.put("description", tool.getDescription());
            }
            if (!tool.getParametersJson().isEmpty()) {
                function.put("parameters", object(tool.getParametersJson(), "tools[" + i + "].parameters"));
            }
            tools.add(Map.of("type", "function", "function", function));
        }
        return tools;
    }

    private static Map<String, Object> message(ChatMessage message, int index) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("role", message.getRole());
        boolean callsOnly = message.getToolCallsCount() > 0 && message.getContent().isEmpty();
        value.put("content", callsOnly ? null : message.getContent());
        if (message.getToolCallsCount() > 0) {
            if (!"assistant".equals(message.getRole())) {
                throw InferenceError.invalid("messages[" + index + "] has tool_calls but is not an assistant message");
            }
            List<Map<String, Object>> calls = new ArrayList<>();
            for (int k = 0; k < message.getToolCallsCount(); k++) {
                ToolCall call = message.getToolCalls(k);
                Map<String, Object> function = new LinkedHashMap<>();
                function.put("name", call.getName());
                function.put("arguments", arguments(call.getArgumentsJson()));
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", call.getId());
                entry.put("type", "function");
                entry.put("function", function);
                calls.add(entry);
            }
            value.put("tool_calls", calls);
        }
        if (!message.getToolCallId().isEmpty()) {
            value.put("tool_call_id", message.getToolCallId());
        }
        if (!message.getName().isEmpty()) {
            value.put("name", message.getName());
        }
        return value;
    }

    /** Arguments as an object when they are a JSON object, else the text as it came (templates print either). */
    private static Object arguments(String json) {
        try {
            Object parsed = JSON.readValue(json, Object.class);
            return parsed instanceof Map ? parsed : json;
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    private static Object object(String json, String field) {
        try {
            Object parsed = JSON.readValue(json, Object.class);
            if (parsed instanceof Map) {
                return parsed;
            }
        } catch (JsonProcessingException e) {
            // refused below
        }
        throw InferenceError.invalid(field + " must be a JSON object");
    }

    private static String abbreviate(String text) {
        String cut = text.length() > 32 ? text.substring(0, 32) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
