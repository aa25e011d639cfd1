package dev.llmplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same greedy chat over SSE, over WebSocket and non-streamed gives the same text, in valid UTF-8 chunks. */
class ChatConsistencyIT {

    private final Platform platform = Platform.get();

    private Map<String, Object> request() {
        Map<String, Object> request = new HashMap<>();
        request.put("model", Platform.STORIES);
        request.put("messages", List.of(Map.of("role", "user", "content", "Once upon a time")));
        request.put("temperature", 0);
        request.put("max_tokens", 64);
        return request;
    }

    @Test
    void sseWebSocketAndNonStreamedTextAreIdentical() {
        Http.Reply full = Http.post(platform.gateway.baseUrl() + "/v1/chat/completions", request());
        assertEquals(200, full.status(), full.raw());
        String text = full.body().path("choices").path(0).path("message").path("content").asText();
        assertFalse(text.isBlank(), "non-streamed answer is empty: " + full.raw());
        JsonNode usage = full.body().path("usage");
        assertTrue(usage.path("completion_tokens").asInt() > 0, full.raw());
        assertEquals(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt(),
                usage.path("total_tokens").asInt());

        Map<String, Object> streaming = request();
        streaming.put("stream", true);
        List<Http.Event> events = Http.sse(platform.gateway.baseUrl() + "/v1/chat/completions", streaming);
        assertEquals("[DONE]", events.get(events.size() - 1).data(), "the stream ends with [DONE]");
        assertTrue(events.stream().allMatch(Http.Event::validUtf8), "every SSE chunk is valid UTF-8");
        assertEquals(text, Http.chatText(events), "SSE text equals the non-streamed text");

        assertEquals(text, webSocketText(), "WebSocket text equals the non-streamed text");
    }

    private String webSocketText() {
        try (WsClient ws = new WsClient(platform.gateway.baseUrl())) {
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
