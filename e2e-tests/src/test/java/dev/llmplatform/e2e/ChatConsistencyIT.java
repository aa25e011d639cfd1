package dev.llmplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.testkit.client.HttpJson;
import dev.llmplatform.testkit.client.SseChat;
import dev.llmplatform.testkit.client.StreamResult;
import dev.llmplatform.testkit.client.WsChat;
import dev.llmplatform.testkit.platform.Platform;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same greedy chat over SSE, over WebSocket and non-streamed gives the same text, in valid UTF-8 chunks. */
class ChatConsistencyIT {

    private final Platform platform = SharedPlatform.get();
    private final HttpJson http = new HttpJson();

    private Map<String, Object> request() {
        Map<String, Object> request = new HashMap<>();
        request.put("model", SharedPlatform.STORIES);
        request.put("messages", List.of(Map.of("role", "user", "content", "Once upon a time")));
        request.put("temperature", 0);
        request.put("max_tokens", 64);
        return request;
    }

    @Test
    void sseWebSocketAndNonStreamedTextAreIdentical() {
        HttpJson.Reply full = http.post(platform.gateway().baseUrl() + "/v1/chat/completions", request());
        assertEquals(200, full.status(), full.raw());
        String text = full.json().path("choices").path(0).path("message").path("content").asText();
        assertFalse(text.isBlank(), "non-streamed answer is empty: " + full.raw());
        JsonNode usage = full.json().path("usage");
        assertTrue(usage.path("completion_tokens").asInt() > 0, full.raw());
        assertEquals(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt(),
                usage.path("total_tokens").asInt());

        StreamResult streamed = new SseChat(platform.gateway().baseUrl()).stream(request(), -1,
                Duration.ofSeconds(120));
        assertEquals(StreamResult.Outcome.COMPLETED, streamed.outcome(), "the stream ends with [DONE]: " + streamed);
        assertEquals(0, streamed.invalidUtf8Chunks(), "every SSE chunk is valid UTF-8");
        assertEquals(text, streamed.text(), "SSE text equals the non-streamed text");

        assertEquals(text, webSocketText(), "WebSocket text equals the non-streamed text");
    }

    private String webSocketText() {
        try (WsChat.Connection ws = new WsChat(platform.gateway().baseUrl()).connect()) {
            Map<String, Object> frame = request();
            frame.put("type", "chat");
            frame.put("id", "consistency-1");
            ws.send(frame);
            StringBuilder text = new StringBuilder();
            while (true) {
                JsonNode next = ws.next(Duration.ofSeconds(60));
                assertEquals("consistency-1", next.path("id").asText(), next.toString());
                switch (next.path("type").asText()) {
                    case "delta" -> {
                        String piece = next.path("content").asText();
                        assertFalse(piece.contains("\uFFFD"), "a delta frame holds a broken character: " + next);
                        text.append(piece);
                    }
                    case "done" -> {
                        assertTrue(next.path("usage").path("completion_tokens").asInt() > 0, next.toString());
                        return text.toString();
                    }
                    default -> throw new AssertionError("unexpected frame " + next);
                }
            }
        }
    }
}
