package dev.llmplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.llmplatform.testkit.client.HttpJson;
import dev.llmplatform.testkit.client.SseChat;
import dev.llmplatform.testkit.platform.Platform;
import dev.llmplatform.testkit.platform.ServiceProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two inference processes serve one model; one is killed (SIGKILL, as a crash would) and every new request is still
 * answered, by the other, with the same greedy text. The killed replica is restarted afterwards and the test waits
 * until the gateway routes to it again, so the tests after this one find the platform whole.
 */
class FailoverIT {

    private final Platform platform = SharedPlatform.get();
    private final HttpJson http = new HttpJson();

    private static Map<String, Object> chat() {
        return Map.of("model", SharedPlatform.STORIES, "temperature", 0, "max_tokens", 24,
                "messages", List.of(Map.of("role", "user", "content", "Once upon a time")));
    }

    @Test
    void newRequestsAreServedByTheOtherReplicaAfterOneIsKilled() {
        String gateway = platform.gateway().baseUrl();
        HttpJson.Reply before = http.post(gateway + "/v1/chat/completions", chat());
        assertEquals(200, before.status(), before.raw());
        String expected = before.json().path("choices").path(0).path("message").path("content").asText();
        assertFalse(expected.isBlank());
        HttpJson.Reply models = http.get(gateway + "/v1/models");
        assertEquals(2, models.json().path("data").findParents("id").stream()
                .filter(m -> m.path("id").asText().equals(SharedPlatform.STORIES)).findFirst().orElseThrow()
                .path("endpoints").asInt(), "both replicas are known: " + models.raw());

        ServiceProcess replica = platform.inference(SharedPlatform.STORIES_REPLICA_PROCESS);
        replica.kill();
        try {
            SseChat sse = new SseChat(gateway);
            for (int i = 0; i < 6; i++) {
                HttpJson.Reply after = http.post(gateway + "/v1/chat/completions", chat());
                assertEquals(200, after.status(), "request " + i + " after the kill: " + after.raw());
                assertEquals(expected, after.json().path("choices").path(0).path("message").path("content").asText());
                assertEquals(expected, sse.stream(chat(), -1, Duration.ofSeconds(120)).text(),
                        "streamed request " + i + " after the kill");
            }
        } finally {
            replica.start().awaitReady(platform.spec().startTimeout());
            Platform.awaitRouted(platform.gateway(), platform.inference().size(), Duration.ofSeconds(60));
        }
    }
}
