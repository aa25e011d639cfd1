package dev.llmplatform.testkit.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One single-turn chat as every path sends it.
 *
 * @param model       the served model name
 * @param prompt      the user message
 * @param maxTokens   tokens to generate
 * @param temperature sampling temperature (0 = greedy)
 * @param seed        the sampling seed
 */
public record ChatRequest(String model, String prompt, int maxTokens, double temperature, long seed) {

    /** The OpenAI chat-completions body (without {@code stream}). */
    public Map<String, Object> openAiBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", List.of(Map.of("role", "user", "content", prompt)));
        body.put("max_tokens", maxTokens);
        body.put("temperature", temperature);
        body.put("seed", seed);
        return body;
    }

    /** The WebSocket {@code chat} frame with the given id. */
    public Map<String, Object> wsFrame(String id) {
        Map<String, Object> frame = openAiBody();
        frame.put("type", "chat");
        frame.put("id", id);
        return frame;
    }
}
