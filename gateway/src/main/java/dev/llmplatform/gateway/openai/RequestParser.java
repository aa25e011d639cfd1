package dev.llmplatform.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.gateway.config.GatewayConfig;
import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.http.Echo;
import dev.llmplatform.gateway.http.JsonFields;
import dev.llmplatform.proto.inference.v1.SamplingParams;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns raw JSON (REST bodies and WebSocket chat frames) into a validated {@link ChatRequest}. Every violation is a
 * 400 naming the field and the numbers. Unknown fields are ignored and never forwarded; template fields are refused
 * (templates are server configuration).
 */
@ApplicationScoped
public class RequestParser {

    private static final Set<String> ROLES = Set.of("system", "user", "assistant");
    private static final Set<String> REFUSED = Set.of("chat_template", "chat_template_kwargs", "grammar");

    private final GatewayConfig.Limits limits;

    RequestParser(GatewayConfig config) {
        this.limits = config.limits();
    }

    /** A chat request ({@code messages}). */
    public ChatRequest chat(JsonNode body) {
        JsonFields fields = common(body);
        return new ChatRequest(fields.requiredName("model"), messages(fields), null, sampling(fields),
                fields.optionalBoolean("stream").orElse(false), includeUsage(fields));
    }

    /** A legacy completion request ({@code prompt}, a string or an array of one string). */
    public ChatRequest completion(JsonNode body) {
        JsonFields fields = common(body);
        List<String> prompts = fields.stringOrList("prompt");
        if (prompts.size() != 1) {
            throw ApiException.invalid("prompt", "'prompt' must be one string (or an array of exactly one), got "
                    + prompts.size());
        }
        String prompt = prompts.get(0);
        if (prompt.isEmpty()) {
            throw ApiException.invalid("prompt", "'prompt' must not be empty");
        }
        checkLength("prompt", prompt);
        return new ChatRequest(fields.requiredName("model"), null, prompt, sampling(fields),
                fields.optionalBoolean("stream").orElse(false), includeUsage(fields));
    }

    private static JsonFields common(JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        for (String refused : REFUSED) {
            if (fields.node(refused).isPresent()) {
                throw ApiException.invalid(refused, "'" + refused + "' is not accepted; templates and grammars are"
                        + " server configuration");
            }
        }
        fields.optionalLong("n", 1, 1);
        return fields;
    }

    private boolean includeUsage(JsonFields fields) {
        return fields.node("stream_options").map(node -> JsonFields.of(node).optionalBoolean("include_usage")
                .orElse(false)).orElse(false);
    }

    private List<ChatRequest.Message> messages(JsonFields fields) {
        JsonNode node = fields.node("messages")
                .orElseThrow(() -> ApiException.invalid("messages", "'messages' is required"));
        if (!node.isArray()) {
            throw ApiException.invalid("messages", "'messages' must be an array, got " + JsonFields.kind(node));
        }
        if (node.isEmpty()) {
            throw ApiException.invalid("messages", "'messages' must contain at least one message");
        }
        if (node.size() > limits.maxMessages()) {
            throw ApiException.invalid("messages", "'messages' may contain at most " + limits.maxMessages()
                    + " messages, got " + node.size());
        }
        List<ChatRequest.Message> messages = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            messages.add(message(node.get(i), "messages[" + i + "]"));
        }
        ChatRequest.Message last = messages.get(messages.size() - 1);
        if (!"user".equals(last.role())) {
            throw ApiException.invalid("messages", "the last message must have the role 'user'");
        }
        if (last.content().isEmpty()) {
            throw ApiException.invalid("messages[" + (messages.size() - 1) + "].content",
                    "the last user message must not be empty");
        }
        return messages;
    }

    private ChatRequest.Message message(JsonNode node, String where) {
        if (!node.isObject()) {
            throw ApiException.invalid(where, where + " must be an object, got " + JsonFields.kind(node));
        }
        JsonFields m = JsonFields.of(node);
        String role = m.optionalString("role")
                .orElseThrow(() -> ApiException.invalid(where + ".role", where + ".role is required"));
        if (!ROLES.contains(role)) {
            throw ApiException.invalid(where + ".role", where + ".role must be system, user or assistant, got '"
                    + Echo.cut(role, 40) + "'");
        }
        String content = content(m.node("content").orElse(null), where + ".content");
        checkLength(where + ".content", content);
        return new ChatRequest.Message(role, content);
    }

    /** A string, or OpenAI content parts of type "text" joined together. */
    private static String content(JsonNode node, String where) {
        if (node == null) {
            throw ApiException.invalid(where, where + " is required");
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (!node.isArray()) {
            throw ApiException.invalid(where, where + " must be a string or an array of text parts, got "
                    + JsonFields.kind(node));
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : node) {
            JsonNode type = part.get("type");
            JsonNode value = part.get("text");
            if (type == null || !"text".equals(type.asText()) || value == null || !value.isTextual()) {
                throw ApiException.invalid(where, where + " parts must be {\"type\":\"text\",\"text\":\"...\"}");
            }
            text.append(value.textValue());
        }
        return text.toString();
    }

    private SamplingParams sampling(JsonFields fields) {
        SamplingParams.Builder params = SamplingParams.newBuilder();
        Long maxTokens = fields.optionalLong("max_tokens", 1, Integer.MAX_VALUE)
                .or(() -> fields.optionalLong("max_completion_tokens", 1, Integer.MAX_VALUE)).orElse(null);
        if (maxTokens != null) {
            params.setMaxTokens(maxTokens.intValue());
        }
        fields.optionalNumber("temperature", 0, false, 2).ifPresent(v -> params.setTemperature(v.floatValue()));
        fields.optionalNumber("top_p", 0, true, 1).ifPresent(v -> params.setTopP(v.floatValue()));
        fields.optionalLong("top_k", 0, 1_000_000).ifPresent(v -> params.setTopK(v.intValue()));
        fields.optionalNumber("min_p", 0, false, 1).ifPresent(v -> params.setMinP(v.floatValue()));
        fields.optionalNumber("repeat_penalty", 0, true, 2).ifPresent(v -> params.setRepeatPenalty(v.floatValue()));
        fields.optionalLong("seed", Long.MIN_VALUE, Long.MAX_VALUE).ifPresent(params::setSeed);
        List<String> stop = fields.stringOrList("stop");
        if (stop.size() > limits.maxStop()) {
            throw ApiException.invalid("stop", "'stop' may hold at most " + limits.maxStop() + " strings, got "
                    + stop.size());
        }
        for (String s : stop) {
            if (s.isEmpty() || s.length() > limits.maxStopChars()) {
                throw ApiException.invalid("stop", "each stop string must have 1 to " + limits.maxStopChars()
                        + " characters, got " + s.length());
            }
        }
        return params.addAllStop(stop).build();
    }

    private void checkLength(String where, String text) {
        if (text.length() > limits.maxContentChars()) {
            throw ApiException.invalid(where, where + " has " + text.length() + " characters; the maximum is "
                    + limits.maxContentChars());
        }
    }
}
