package dev.llmplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two inference processes serve one model; one is killed (SIGKILL, as a crash would) and every new request is still
 * answered, by the other, with the same greedy text. The killed replica stays down for the remaining tests.
 */
class FailoverIT {

    private final Platform platform = Platform.get();

    private static Map<String, Object> chat() {
        return Map.of("model", Platform.STORIES, "temperature", 0, "max_tokens", 24,
                "messages", List.of(Map.of("role", "user", "content", "Once upon a time")));
    }

    @Test
    void newRequestsAreServedByTheOtherReplicaAfterOneIsKilled() {
        Http.Reply before = Http.post(platform.gateway.baseUrl() + "/v1/chat/completions", chat());
        assertEquals(200, before.status(), before.raw());
        String expected = before.body().path("choices").path(0).path("message").path("content").asText();
        assertFalse(expected.isBlank());
        Http.Reply models = Http.get(platform.gateway.baseUrl() + "/v1/models");
        assertEquals(2, models.body().path("data").findParents("id").stream()
                .filter(m -> m.path("id").asText().equals(Platform.STORIES)).findFirst().orElseThrow()
                .path("endpoints").asInt(), "both replicas are known: " + models.raw());

        platform.storiesReplica.kill();
        for (int i = 0; i < 6; i++) {
            Http.Reply after = Http.post(platform.gateway.baseUrl() + "/v1/chat/completions", chat());
            assertEquals(200, after.status(), "request " + i + " after the kill: " + after.raw());
            assertEquals(expected, after.body().path("choices").path(0).path("message").path("content").asText());
            List<Http.Event> events = Http.sse(platform.gateway.baseUrl() + "/v1/chat/completions",
                    Map.of("model", Platform.STORIES, "temperature", 0, "max_tokens", 24, "stream", true,
                            "messages", List.of(Map.of("role", "user", "content", "Once upon a time"))));
            assertEquals(expected, Http.chatText(events), "streamed request " + i + " after the kill");
        }
    }
}
