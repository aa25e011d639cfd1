package dev.llmplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.testkit.client.HttpJson;
import dev.llmplatform.testkit.client.Json;
import dev.llmplatform.testkit.platform.Platform;
import dev.llmplatform.testsupport.TestAssets;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/tokenize} through the gateway and the tokenizer service, against transformers' expected ids. */
class TokenizeIT {

    private final Platform platform = SharedPlatform.get();
    private final HttpJson http = new HttpJson();

    @Test
    void gpt2MatchesTransformersOnEveryConformanceCase() throws IOException {
        JsonNode expected = Json.MAPPER.readTree(TestAssets.file("conformance/openai-community__gpt2.json").toFile());
        Map<String, String> texts = new HashMap<>();
        for (JsonNode input : Json.MAPPER.readTree(TestAssets.file("conformance/inputs_3afc5a9.json").toFile())
                .path("inputs")) {
            texts.put(input.path("id").asText(), input.path("text").asText());
        }
        int checked = 0;
        for (Map.Entry<String, JsonNode> entry : expected.path("entries").properties()) {
            String text = texts.get(entry.getKey());
            HttpJson.Reply reply = http.post(platform.gateway().baseUrl() + "/v1/tokenize",
                    Map.of("tokenizer", "gpt2", "text", text));
            assertEquals(200, reply.status(), reply.raw());
            assertEquals(entry.getValue().path("input_ids"), reply.json().path("ids"), "ids for " + entry.getKey());
            assertEquals(reply.json().path("ids").size(), reply.json().path("count").asInt());
            assertEquals(entry.getValue().path("tokens"), reply.json().path("tokens"), "tokens for " + entry.getKey());
            assertEquals(reply.json().path("ids").size(), reply.json().path("offsets").size());
            checked++;
        }
        assertEquals(expected.path("entries").size(), checked);
        assertTrue(checked >= 30, "expected the 30 shared cases, checked " + checked);
    }

    @Test
    void cl100kBaseGivesPublishedIds() {
        HttpJson.Reply reply = http.post(platform.gateway().baseUrl() + "/v1/tokenize",
                Map.of("tokenizer", "cl100k_base", "text", "hello world"));
        assertEquals(200, reply.status(), reply.raw());
        assertEquals(List.of(15339, 1917), Json.MAPPER.convertValue(reply.json().path("ids"), List.class));
        assertEquals(2, reply.json().path("count").asInt());
    }
}
