package dev.llmplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testkit.client.HttpJson;
import dev.llmplatform.testkit.platform.Platform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad requests get the right status and a JSON error body, over the real network. */
class ErrorsIT {

    private final Platform platform = SharedPlatform.get();
    private final HttpJson http = new HttpJson();

    @Test
    void malformedJsonIs400WithJsonBody() {
        HttpJson.Reply reply = http.post(platform.gateway().baseUrl() + "/v1/chat/completions", "{not json");
        assertEquals(400, reply.status(), reply.raw());
        assertJsonError(reply);
    }

    @Test
    void unknownModelIs404() {
        HttpJson.Reply reply = http.post(platform.gateway().baseUrl() + "/v1/chat/completions", Map.of("model",
                "no-such-model", "messages", List.of(Map.of("role", "user", "content", "hi"))));
        assertEquals(404, reply.status(), reply.raw());
        assertJsonError(reply);
    }

    @Test
    void unknownTokenizerIs404() {
        HttpJson.Reply reply = http.post(platform.gateway().baseUrl() + "/v1/tokenize",
                Map.of("tokenizer", "no-such-tokenizer", "text", "x"));
        assertEquals(404, reply.status(), reply.raw());
        assertJsonError(reply);
    }

    @Test
    void modelsListsBothInferenceServices() {
        HttpJson.Reply reply = http.get(platform.gateway().baseUrl() + "/v1/models");
        assertEquals(200, reply.status(), reply.raw());
        List<String> ids = reply.json().path("data").findValuesAsText("id");
        assertTrue(ids.containsAll(List.of(SharedPlatform.STORIES, SharedPlatform.RANDOM)), "models: " + ids);
    }

    static void assertJsonError(HttpJson.Reply reply) {
        assertNotNull(reply.json(), "error body is JSON: " + reply.raw());
        String message = reply.json().path("error").path("message").asText();
        assertFalse(message.isBlank(), "error has a message: " + reply.raw());
        assertFalse(reply.raw().contains("\tat ") || reply.raw().contains("Exception"), "no stack trace: " + reply.raw());
    }
}
