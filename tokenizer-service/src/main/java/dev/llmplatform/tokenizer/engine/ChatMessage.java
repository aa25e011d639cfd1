package dev.llmplatform.tokenizer.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One validated chat message.
 *
 * @param role "system", "user" or "assistant"
 * @param content the text
 */
public record ChatMessage(String role, String content) {

    /** The messages as a chat template reads them, as the inference service passes them: {@code {role, content}}. */
    public static List<Map<String, Object>> templateValues(List<ChatMessage> messages) {
        return messages.stream().map(m -> {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("role", m.role());
            value.put("content", m.content());
            return value;
        }).toList();
    }

    /** The same messages with every content empty (the template's own share of a prompt). */
    public static List<ChatMessage> emptied(List<ChatMessage> messages) {
        return messages.stream().map(m -> new ChatMessage(m.role(), "")).toList();
    }
}
