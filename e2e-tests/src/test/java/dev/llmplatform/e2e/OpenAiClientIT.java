package dev.llmplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.testkit.client.Json;
import dev.llmplatform.testkit.platform.Platform;
import org.junit.jupiter.api.Test;

/** The official OpenAI SDK (npm {@code openai}) works against the running gateway. */
class OpenAiClientIT {

    private final Platform platform = SharedPlatform.get();

    @Test
    void officialClientChatsStreamsGetsSchemaJsonForcedToolCallsLogitBiasAndEmbeddings() {
        NodeScript.Result result = NodeScript.run("openai-client.mjs", platform.gateway().baseUrl(),
                SharedPlatform.STORIES, SharedPlatform.STORIES_EMBEDDING, SharedPlatform.STORIES_TOOLS);
        assertEquals(0, result.exitCode(), result.output());
        String last = result.output().strip().lines().reduce((a, b) -> b).orElse("");
        JsonNode report = Json.parse(last);
        assertTrue(report.path("ok").asBoolean(), result.output());
        assertTrue(report.path("usage").path("completion_tokens").asInt() > 0, result.output());
        assertTrue(!report.path("text").asText().isBlank(), result.output());
        assertTrue(report.path("structured").path("ok").isBoolean(), result.output());
        assertTrue(report.path("toolArguments").path("days").isInt(), result.output());
        assertEquals(4, report.path("biased").size(), result.output());
        assertEquals(64, report.path("embedding").path("width").asInt(), result.output());
    }
}
