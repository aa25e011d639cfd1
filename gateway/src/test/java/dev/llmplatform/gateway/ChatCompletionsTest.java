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
import dev.llmplatform.gateway.backend.Chat;
import dev.llmplatform.gateway.backend.GenerationRequest;
import dev.llmplatform.gateway.fakes.FakeBackends;
import dev.llmplatform.gateway.fakes.FakeInferenceBackend;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chat and legacy completions in front of the fake backend: JSON, SSE, usage, tools, errors, cancellation. */
@QuarkusTest
@QuarkusTestResource(FakeBackends.class)
class ChatCompletionsTest {

    static final String MODEL = FakeInferenceBackend.MODEL;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    FakeInferenceBackend backend;

    static String chat(String content, String extra) {
        return TestSupport.chat(MODEL, content, extra);
    }

    @Test
    void modelsListsTheModelWithItsLimits() {
        given().get("/v1/models").then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data.id", hasItem(MODEL))
                .body("data[0].object", equalTo("model"))
                .body("data[0].context_length", equalTo(256))
                .body("data[0].default_max_tokens", equalTo(64))
                .body("data[0].limits.max_stop_strings", equalTo(4))
                .body("data[0].limits.max_top_k", equalTo(10000))
                .body("data[0].limits.max_context_tokens", equalTo(256))
                .body("data[0].limits.max_json_schema_bytes", equalTo(16_384))
                .body("data[0].limits.max_logit_bias_entries", equalTo(1024))
                .body("data[0].vocabulary_size", equalTo(32_000));
        given().get("/v1/models/" + MODEL).then().statusCode(200).body("limits.max_messages", equalTo(1000));
        given().get("/v1/models/" + FakeInferenceBackend.LOADING).then().statusCode(404)
                .body("error.code", equalTo("model_not_found"));
    }

    /**
     * The answer's form follows the body's {@code stream} flag, whatever the client's Accept header says: the
     * official clients send {@code application/json} for streams, curl sends {@code *}{@code /*}, EventSource
     * polyfills send {@code text/event-stream}, some send nothing.
     */
    @Test
    void theAcceptHeaderNeverRefusesAnAnswer() {
        for (String accept : List.of("application/json", "text/event-stream", "*/*",
                "application/json, text/event-stream", "text/html", "")) {
            for (String path : List.of("/v1/chat/completions", "/v1/completions")) {
                String body = path.contains("chat") ? chat("hello", ",\"temperature\":0")
                        : "{\"model\":\"" + MODEL + "\",\"prompt\":\"hello\",\"temperature\":0";
                String closed = path.contains("chat") ? "" : "}";
                Response json = given().contentType("application/json").header("Accept", accept)
                        .body(body + closed).post(path);
                assertEquals(200, json.statusCode(), path + " Accept '" + accept + "': " + json.asString());
                assertTrue(json.contentType().startsWith("application/json"), json.contentType());
                Response sse = given().contentType("application/json").header("Accept", accept)
                        .body(path.contains("chat") ? chat("hello", ",\"temperature\":0,\"stream\":true")
                                : body + ",\"stream\":true}")
                        .post(path);
                assertEquals(200, sse.statusCode(), path + " stream, Accept '" + accept + "': " + sse.asString());
                assertTrue(sse.contentType().startsWith("text/event-stream"), sse.contentType());
                assertTrue(sse.asString().contains("data: [DONE]"), sse.asString());
                assertTrue(sse.asString().startsWith("data: {"), "events are not wrapped twice: " + sse.asString());
            }
        }
    }

    @Test
    void nonStreamedChatHasTextUsageAndTimings() {
        given().contentType("application/json").body(chat("hello", ",\"temperature\":0,\"max_tokens\":16,\"seed\":7"))
                .post("/v1/chat/completions").then().statusCode(200)
                .header("Content-Type", containsString("application/json"))
                .body("object", equalTo("chat.completion"))
                .body("model", equalTo(MODEL))
                .body("choices[0].message.role", equalTo("assistant"))
                .body("choices[0].message.content", equalTo(String.join("", FakeInferenceBackend.PIECES)))
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("usage.prompt_tokens", equalTo(7))
                .body("usage.completion_tokens", equalTo(5))
                .body("usage.total_tokens", equalTo(12))
                .body("usage.prompt_tokens_details.cached_tokens", equalTo(3))
                .body("timings.time_to_first_token_ms", equalTo(12.5f));
        GenerationRequest sent = backend.lastRequest.get();
        assertEquals(16, sent.sampling().maxTokens());
        assertEquals(0.0, sent.sampling().temperature());
        assertEquals(7L, sent.sampling().seed());
        assertEquals("hello", sent.chat().messages().get(0).content());
    }

    @Test
    void streamedChatEqualsNonStreamedAndEndsWithDone() throws Exception {
        List<String> events = TestSupport.sse("/v1/chat/completions",
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
        assertEquals(String.join("", FakeInferenceBackend.PIECES), text.toString());
        assertEquals("stop", finish);
        assertEquals(12, usage.get("total_tokens").asInt());
        assertEquals(3, usage.at("/prompt_tokens_details/cached_tokens").asInt());
    }

    @Test
    void legacyCompletionsSendThePrompt() {
        given().contentType("application/json").body("{\"model\":\"" + MODEL + "\",\"prompt\":\"hello\"}")
                .post("/v1/completions").then().statusCode(200)
                .body("object", equalTo("text_completion"))
                .body("choices[0].text", equalTo(String.join("", FakeInferenceBackend.PIECES)));
        assertEquals("hello", backend.lastRequest.get().prompt());
        List<String> events = TestSupport.sse("/v1/completions", "{\"model\":\"" + MODEL
                + "\",\"prompt\":[\"hello\"],\"stream\":true}");
        assertEquals("[DONE]", events.get(events.size() - 1));
    }

    @Test
    void toolsToolCallsAndToolMessagesReachTheBackend() {
        String body = "{\"model\":\"" + MODEL + "\",\"messages\":["
                + "{\"role\":\"developer\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":\"weather in Paris?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"name\":\"get_weather\",\"content\":\"18 C\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Weather\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}],"
                + "\"tool_choice\":\"auto\",\"parallel_tool_calls\":true}";
        given().contentType("application/json").body(body).post("/v1/chat/completions").then().statusCode(200);
        Chat chat = backend.lastRequest.get().chat();
        assertEquals(List.of("system", "user", "assistant", "tool"),
                chat.messages().stream().map(Chat.Message::role).toList(), "developer is sent as system");
        Chat.Message call = chat.messages().get(2);
        assertEquals("", call.content(), "an assistant message that only calls tools has empty content");
        assertEquals(new Chat.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"), call.toolCalls().get(0));
        assertEquals("call_1", chat.messages().get(3).toolCallId());
        assertEquals("get_weather", chat.messages().get(3).name());
        assertEquals("get_weather", chat.tools().get(0).name());
        assertEquals("Weather", chat.tools().get(0).description());
        assertEquals("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}",
                chat.tools().get(0).parametersJson());
    }

    @Test
    void unknownModelIs404AndAModelWithoutReadyEndpointIs503() {
        given().contentType("application/json").body(chat("hello", "").replace(MODEL, "no-such-model"))
                .post("/v1/chat/completions").then().statusCode(404)
                .body("error.code", equalTo("model_not_found"))
                .body("error.type", equalTo("invalid_request_error"));
        given().contentType("application/json").body(chat("hello", "").replace(MODEL, FakeInferenceBackend.LOADING))
                .post("/v1/chat/completions").then().statusCode(503)
                .header("Retry-After", equalTo("1"))
                .body("error.type", equalTo("service_unavailable"))
                .body("error.message", containsString("No endpoint of the model 'loading-model' is ready"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void busyIs429WithRetryAfter() {
        Response response = given().contentType("application/json").body(chat("busy", ""))
                .post("/v1/chat/completions");
        response.then().statusCode(429).body("error.type", equalTo("rate_limit_error"));
        assertEquals("2", response.header("Retry-After"));
    }

    @Test
    void invalidArgumentFromInferenceIs400WithItsMessage() {
        given().contentType("application/json").body(chat("overflow", "")).post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.message", equalTo("prompt has 3001 tokens and max_tokens is 64, together over the slot's"
                        + " context of 256 tokens"))
                .body("error.code", equalTo("context_length_exceeded"));
    }

    @Test
    void aBrokenChatTemplateIs400TemplateUnavailable() {
        given().contentType("application/json").body(chat("broken", "")).post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("template_unavailable"))
                .body("error.message", containsString("completions (a raw prompt) still run"));
    }

    @Test
    void failureAfterTheFirstChunkIsAnErrorEventThenDone() throws Exception {
        List<String> events = TestSupport.sse("/v1/chat/completions", chat("die", ",\"stream\":true"));
        assertEquals("[DONE]", events.get(events.size() - 1));
        JsonNode error = MAPPER.readTree(events.get(events.size() - 2));
        assertEquals("backend_error", error.at("/error/code").asText());
        assertFalse(error.at("/error/message").asText().contains("engine crashed"), "no backend detail leaks");
    }

    @Test
    void aStreamThatGoesSilentEndsWithAnExplicitError() throws Exception {
        List<String> events = TestSupport.sse("/v1/chat/completions", chat("stall", ",\"stream\":true"));
        assertEquals("[DONE]", events.get(events.size() - 1));
        JsonNode error = MAPPER.readTree(events.get(events.size() - 2)).get("error");
        assertEquals("backend_stalled", error.get("code").asText());
        assertTrue(error.get("message").asText().contains("cut off"), error.toString());
        assertTrue(events.stream().anyMatch(e -> e.contains(" upon")), "the text before the stall was delivered");
    }

    @Test
    void aLongPromptIsKeptAliveWithCommentsAndAQuickAnswerHasNone() {
        String raw = given().contentType("application/json").body(chat("prefill", ",\"stream\":true"))
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();
        assertTrue(raw.contains(": keep-alive\n\n"), "keep-alive comments while the prompt is evaluated: " + raw);
        assertTrue(raw.indexOf(": keep-alive") < raw.indexOf("\"content\":\"Once\""), raw);
        assertFalse(raw.contains("\"error\""), raw);
        assertTrue(raw.endsWith("data: [DONE]\n\n"), raw);
        String quick = given().contentType("application/json").body(chat("hello", ",\"stream\":true"))
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();
        assertFalse(quick.contains("keep-alive"), quick);
    }

    @Test
    void closingTheConnectionMidStreamCancelsTheGeneration() throws Exception {
        int cancelledBefore = backend.cancelled.get();
        byte[] body = chat("slow", ",\"stream\":true").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", RawHttp.PORT)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[1024];
            while (!seen.toString().contains("tick")) {
                int n = in.read(buffer);
                assertTrue(n > 0, "stream ended early: " + seen);
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            assertTrue(seen.toString().startsWith("HTTP/1.1 200"), seen.toString());
        }
        TestSupport.awaitAtLeast(backend.cancelled::get, cancelledBefore + 1, Duration.ofSeconds(1),
                "the generation is cancelled within 1 s of the client leaving");
    }
}
