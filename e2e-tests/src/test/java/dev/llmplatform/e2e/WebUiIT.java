package dev.llmplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.testkit.client.Json;
import dev.llmplatform.testkit.platform.Platform;
import org.junit.jupiter.api.Test;

/**
 * The web UI in headless Chromium (playwright-core scripts of {@code e2e-tests/node}): the basic stream, stop and
 * token spans ({@code ui.mjs}), the chat page behaviour by behaviour ({@code ui-chat.mjs}: Markdown and sanitising,
 * conversations, regenerate, edit and resend, model facts, rendered prompt, statistics, errors, keyboard, 390 px)
 * and the tokenizer playground ({@code ui-playground.mjs}: faithful pieces per family, byte tokens, ids, diff,
 * languages, cost, 390 px).
 */
class WebUiIT {

    private final Platform platform = SharedPlatform.get();

    @Test
    void chatStreamsStopsAndPlaygroundShowsTokens() {
        JsonNode report = run("ui.mjs", SharedPlatform.STORIES, SharedPlatform.RANDOM);
        assertTrue(report.path("stopped").asText().contains("cancelled"), report.toString());
        assertTrue(report.path("gpt2").path("spans").asInt() >= 2, report.toString());
        assertTrue(report.path("cl100k_base").path("spans").asInt() >= 2, report.toString());
    }

    @Test
    void chatPageBehaviours() {
        JsonNode report = run("ui-chat.mjs", SharedPlatform.STORIES, SharedPlatform.RANDOM);
        assertTrue(report.path("persisted").asBoolean(), report.toString());
        assertTrue(report.path("stopped").asText().contains("tokens/s (streamed part"), report.toString());
    }

    @Test
    void playgroundBehaviours() {
        JsonNode report = run("ui-playground.mjs", SharedPlatform.STORIES);
        assertEquals(2, report.path("languages").size(), report.toString());
    }

    private JsonNode run(String script, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = platform.gateway().baseUrl();
        System.arraycopy(args, 0, all, 1, args.length);
        NodeScript.Result result = NodeScript.run(script, all);
        assertEquals(0, result.exitCode(), result.output());
        JsonNode report = Json.parse(result.output().strip().lines().reduce((a, b) -> b).orElse("{}"));
        assertTrue(report.path("ok").asBoolean(), result.output());
        return report;
    }
}
