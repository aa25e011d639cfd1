package dev.llmplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.testkit.client.Json;
import dev.llmplatform.testkit.platform.Platform;
import org.junit.jupiter.api.Test;

/**
 * The web UI in headless Chromium: a streamed chat answer appears, stop ends a running answer, and the playground
 * shows coloured token spans for two tokenizers side by side.
 */
class WebUiIT {

    private final Platform platform = SharedPlatform.get();

    @Test
    void chatStreamsStopsAndPlaygroundShowsTokens() {
        NodeScript.Result result = NodeScript.run("ui.mjs", platform.gateway().baseUrl(), SharedPlatform.STORIES,
                SharedPlatform.RANDOM);
        assertEquals(0, result.exitCode(), result.output());
        JsonNode report = Json.parse(result.output().strip().lines().reduce((a, b) -> b).orElse("{}"));
        assertTrue(report.path("ok").asBoolean(), result.output());
        assertTrue(report.path("stopped").asText().contains("cancelled"), result.output());
        assertTrue(report.path("gpt2").path("spans").asInt() >= 2, result.output());
        assertTrue(report.path("cl100k_base").path("spans").asInt() >= 2, result.output());
    }
}
