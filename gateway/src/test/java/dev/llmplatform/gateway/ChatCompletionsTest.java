package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.fakes.FakeBackends;
import dev.llmplatform.gateway.fakes.FakeInference;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chat and legacy completions against two fake inference endpoints: JSON, SSE, usage, errors. */
@QuarkusTest
@QuarkusTestResource(FakeBackends.class)
class ChatCompletionsTest {

    static final String MODEL = FakeBackends.MODEL;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static String chat(String content, String extra) {
        return "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]"
                + extra + "}";
    }

    @Test
    void modelsListsTheFakeModel() {
        TestSupport.awaitReady();
        given().get("/v1/models").then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data.id", hasItem(MODEL))
                .body("data[0].object", equalTo("model"));
    }

    @Test
    void nonStreamedChatHasTextUsageAndTimings() {
        TestSupport.awaitReady();
        given().contentType("application/json").body(chat("hello", ",\"temperature\":0,\"max_tokens\":16,\"seed\":7"))
                .post("/v1/chat/completions").then().statusCode(200)
                .body("object", equalTo("chat.completion"))
                .body("model", equalTo(MODEL))
                .body("choices[0].message.role", equalTo("assistant"))
                .body("choices[0].message.content", equalTo(String.join("", FakeInference.PIECES)))
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("usage.prompt_tokens", equalTo(7))
                .body("usage.completion_tokens", equalTo(5))
                .body("usage.total_tokens", equalTo(12))
                .body("timings.time_to_first_token_ms", equalTo(12.5f));
        var sent = lastRequest();
        assertEquals(16, sent.getParams().getMaxTokens());
        assertEquals(0f, sent.getParams().getTemperature());
        assertEquals(7L, sent.getParams().getSeed());
        assertEquals("hello", sent.getChat().getMessages(0).getContent());
    }

    @Test
    void streamedChatEqualsNonStreamedAndEndsWithDone() throws Exception {
        TestSupport.awaitReady();
        List<String> events = sse("/v1/chat/completions",
                chat("hello", ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
        assertEquals("[DONE]", events.get(events.size() - 1));
        JsonNode first = MAPPER.readTree(events.get(0));
        assertEquals("chat.completion.chunk", first.get("object").asText());
        assertEquals("assistant", first.at("/choices/0/delta/role").asText());
        StringBuilder text = new StringBuilder();
        String finish = null;
        JsonNode usage = null;
        for (String event : events.subList(0, events.size() - 1)) {
            JsonNode chunk = MAPPER.readTree(event);
            for (JsonNode choice : chunk.get("choices")) {
                text.append(choice.at("/delta/content").asText(""));
                if (!choice.get("finish_reason").isNull()) {
                    finish = choice.get("finish_reason").asText();
                }
            }
            if (chunk.has("usage")) {
                usage = chunk.get("usage");
                assertTrue(chunk.get("choices").isEmpty(), "the usage chunk has no choices");
            }
        }
        assertEquals(String.join("", FakeInference.PIECES), text.toString());
        assertEquals("stop", finish);
        assertEquals(12, usage.get("total_tokens").asInt());
    }

    @Test
    void legacyCompletionsSendThePrompt() {
        TestSupport.awaitReady();
        given().contentType("application/json").body("{\"model\":\"" + MODEL + "\",\"prompt\":\"hello\"}")
                .post("/v1/completions").then().statusCode(200)
                .body("object", equalTo("text_completion"))
                .body("choices[0].text", equalTo(String.join("", FakeInference.PIECES)));
        assertEquals("hello", lastRequest().getPrompt());
    }

    @Test
    void unknownModelIs404() {
        TestSupport.awaitReady();
        given().contentType("application/json").body(chat("hello", "").replace(MODEL, "no-such-model"))
                .post("/v1/chat/completions").then().statusCode(404)
                .body("error.code", equalTo("model_not_found"))
                .body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void resourceExhaustedOnEveryEndpointIs429WithRetryAfter() {
        TestSupport.awaitReady();
        int before = FakeBackends.FIRST.calls.get() + FakeBackends.SECOND.calls.get();
        Response response = given().contentType("application/json").body(chat("busy", ""))
                .post("/v1/chat/completions");
        response.then().statusCode(429).body("error.type", equalTo("rate_limit_error"));
        assertEquals("2", response.header("Retry-After"));
        assertEquals(before + 2, FakeBackends.FIRST.calls.get() + FakeBackends.SECOND.calls.get(),
                "both endpoints were tried once");
    }

    @Test
    void invalidArgumentFromInferenceIs400WithItsMessage() {
        TestSupport.awaitReady();
        given().contentType("application/json").body(chat("overflow", "")).post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.message", containsString("3001 tokens"))
                .body("error.message", containsString("256"));
    }

    @Test
    void failureAfterTheFirstChunkIsAnErrorEventThenDone() throws Exception {
        TestSupport.awaitReady();
        List<String> events = sse("/v1/chat/completions", chat("die", ",\"stream\":true"));
        assertEquals("[DONE]", events.get(events.size() - 1));
        JsonNode error = MAPPER.readTree(events.get(events.size() - 2));
        assertEquals("backend_error", error.at("/error/code").asText());
        assertFalse(error.at("/error/message").asText().contains("engine crashed"), "no backend detail leaks");
    }

    static dev.llmplatform.proto.inference.v1.GenerateRequest lastRequest() {
        return FakeBackends.LAST_REQUEST.get();
    }

    static List<String> sse(String path, String body) {
        String raw = given().contentType("application/json").body(body).post(path).then().statusCode(200)
                .header("Content-Type", containsString("text/event-stream")).extract().asString();
        List<String> events = new ArrayList<>();
        for (String line : raw.split("\n")) {
            if (line.startsWith("data:")) {
                events.add(line.substring(5).strip());
            }
        }
        return events;
    }
}
