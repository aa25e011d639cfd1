package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.gateway.fakes.FakeBackends;
import dev.llmplatform.gateway.fakes.FakeInferenceBackend;
import dev.llmplatform.testkit.client.Json;
import dev.llmplatform.testkit.client.WsChat;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every request field of OpenAI's chat completions and legacy completions, as OpenAI's API reference lists them, is
 * honoured, ignored as advisory, or refused with a 400 naming it; unknown fields are refused; a WebSocket chat frame
 * follows the same rules.
 */
@QuarkusTest
@QuarkusTestResource(FakeBackends.class)
class OpenAiFieldsTest {

    private static final String MODEL = FakeInferenceBackend.MODEL;
    private static final String TOOLS = "[{\"type\":\"function\",\"function\":{\"name\":\"f\","
            + "\"parameters\":{\"type\":\"object\"}}}]";

    @Inject
    FakeInferenceBackend backend;

    /** What the gateway does with a field. */
    enum Outcome { HONOURED, ADVISORY, REFUSED }

    /**
     * A request field.
     *
     * @param name    the field
     * @param outcome what the gateway does with it
     * @param value   a value sent for it (for a refused field, one that would have an effect)
     * @param noOp    for a refused field, a value that changes nothing and is accepted, or null when none is
     */
    record Field(String name, Outcome outcome, String value, String noOp) {

        static Field honoured(String name, String value) {
            return new Field(name, Outcome.HONOURED, value, null);
        }

        static Field advisory(String name, String value) {
            return new Field(name, Outcome.ADVISORY, value, null);
        }

        static Field refused(String name, String value, String noOp) {
            return new Field(name, Outcome.REFUSED, value, noOp);
        }
    }

    /** The request body of {@code POST /v1/chat/completions} in OpenAI's API reference ({@code model} and
     * {@code messages} are in every body sent). */
    static final List<Field> CHAT = List.of(
            Field.honoured("max_completion_tokens", "5"),
            Field.honoured("max_tokens", "5"),
            Field.honoured("n", "1"),
            Field.honoured("seed", "7"),
            Field.honoured("stop", "[\"x\"]"),
            Field.honoured("stream", "false"),
            Field.honoured("stream_options", "{\"include_usage\":true}"),
            Field.honoured("temperature", "0.5"),
            Field.honoured("top_p", "0.9"),
            Field.honoured("tools", TOOLS),
            Field.honoured("tool_choice", "\"none\""),
            Field.advisory("metadata", "{\"team\":\"a\"}"),
            Field.advisory("prompt_cache_key", "\"k\""),
            Field.advisory("prompt_cache_retention", "\"24h\""),
            Field.advisory("safety_identifier", "\"s\""),
            Field.advisory("service_tier", "\"flex\""),
            Field.advisory("store", "true"),
            Field.advisory("user", "\"u\""),
            Field.refused("audio", "{\"voice\":\"alloy\",\"format\":\"mp3\"}", null),
            Field.honoured("frequency_penalty", "0.5"),
            Field.refused("function_call", "{\"name\":\"f\"}", "\"none\""),
            Field.refused("functions", "[{\"name\":\"f\"}]", "[]"),
            Field.honoured("logit_bias", "{\"50256\":-100}"),
            Field.refused("logprobs", "true", "false"),
            Field.refused("modalities", "[\"text\",\"audio\"]", "[\"text\"]"),
            Field.refused("parallel_tool_calls", "false", "true"),
            Field.refused("prediction", "{\"type\":\"content\",\"content\":\"x\"}", null),
            Field.honoured("presence_penalty", "0.5"),
            Field.refused("reasoning_effort", "\"low\"", null),
            Field.honoured("response_format", "{\"type\":\"json_object\"}"),
            Field.refused("top_logprobs", "2", "0"),
            Field.refused("verbosity", "\"low\"", "\"medium\""),
            Field.refused("web_search_options", "{}", null));

    /** The request body of {@code POST /v1/completions} ({@code model} and {@code prompt} are in every body). */
    static final List<Field> COMPLETION = List.of(
            Field.honoured("max_tokens", "5"),
            Field.honoured("n", "1"),
            Field.honoured("seed", "7"),
            Field.honoured("stop", "\"x\""),
            Field.honoured("stream", "false"),
            Field.honoured("stream_options", "{\"include_usage\":true}"),
            Field.honoured("temperature", "0.5"),
            Field.honoured("top_p", "0.9"),
            Field.advisory("user", "\"u\""),
            Field.refused("best_of", "2", "1"),
            Field.honoured("echo", "true"),
            Field.honoured("frequency_penalty", "-1"),
            Field.honoured("logit_bias", "{\"50256\":-100}"),
            Field.refused("logprobs", "2", null),
            Field.honoured("presence_penalty", "1"),
            Field.refused("suffix", "\"end\"", "\"\""));

    /** The gateway's own sampling extensions, honoured on both endpoints. */
    static final List<Field> EXTENSIONS = List.of(
            Field.honoured("top_k", "40"),
            Field.honoured("min_p", "0.05"),
            Field.honoured("repeat_penalty", "1.1"));

    private static String chatBody(String extra) {
        return TestSupport.chat(MODEL, "hello", extra);
    }

    private static String completionBody(String extra) {
        return "{\"model\":\"" + MODEL + "\",\"prompt\":\"hello\"" + extra + "}";
    }

    @Test
    void everyChatFieldIsHonouredIgnoredOrRefused() {
        walk("/v1/chat/completions", CHAT, true);
        walk("/v1/chat/completions", EXTENSIONS, true);
    }

    @Test
    void everyCompletionFieldIsHonouredIgnoredOrRefused() {
        walk("/v1/completions", COMPLETION, false);
        walk("/v1/completions", EXTENSIONS, false);
    }

    private void walk(String path, List<Field> fields, boolean chat) {
        for (Field field : fields) {
            String extra = ",\"" + field.name() + "\":" + field.value();
            String body = chat ? chatBody(extra) : completionBody(extra);
            int callsBefore = backend.calls.get();
            if (field.outcome() == Outcome.REFUSED) {
                given().contentType("application/json").body(body).post(path).then()
                        .statusCode(400)
                        .body("error.type", equalTo("invalid_request_error"))
                        .body("error.param", equalTo(field.name()))
                        .body("error.code", startsWith("unsupported_"))
                        .body("error.message", containsString("'" + field.name() + "'"));
                assertEquals(callsBefore, backend.calls.get(), field.name() + ": nothing reached the backend");
                given().contentType("application/json").body(chat ? chatBody(",\"" + field.name() + "\":null")
                        : completionBody(",\"" + field.name() + "\":null")).post(path).then().statusCode(200);
                if (field.noOp() != null) {
                    String noOp = ",\"" + field.name() + "\":" + field.noOp();
                    given().contentType("application/json").body(chat ? chatBody(noOp) : completionBody(noOp))
                            .post(path).then().statusCode(200);
                }
            } else {
                given().contentType("application/json").body(body).post(path).then().statusCode(200);
                assertEquals(callsBefore + 1, backend.calls.get(), field.name() + ": generated");
            }
        }
    }

    @Test
    void honouredFieldsReachTheBackend() {
        given().contentType("application/json").body(chatBody(",\"max_completion_tokens\":5,\"top_k\":40,"
                + "\"repeat_penalty\":1.1,\"seed\":7")).post("/v1/chat/completions").then().statusCode(200);
        assertEquals(5, backend.lastRequest.get().sampling().maxTokens());
        assertEquals(40, backend.lastRequest.get().sampling().topK());
        assertEquals(1.1, backend.lastRequest.get().sampling().repeatPenalty());
        assertEquals(7L, backend.lastRequest.get().sampling().seed());
    }

    @Test
    void penaltiesAndResponseFormatsReachTheBackendAsTheInferenceContractsFields() {
        given().contentType("application/json").body(chatBody(",\"presence_penalty\":0.5,\"frequency_penalty\":-1"))
                .post("/v1/chat/completions").then().statusCode(200);
        assertEquals(0.5, backend.lastRequest.get().sampling().presencePenalty());
        assertEquals(-1.0, backend.lastRequest.get().sampling().frequencyPenalty());
        assertEquals("", backend.lastRequest.get().sampling().jsonSchema(), "free text without response_format");
        given().contentType("application/json").body(chatBody(",\"response_format\":{\"type\":\"text\"}"))
                .post("/v1/chat/completions").then().statusCode(200);
        assertEquals("", backend.lastRequest.get().sampling().jsonSchema());
        given().contentType("application/json").body(chatBody(",\"response_format\":{\"type\":\"json_object\"}"))
                .post("/v1/chat/completions").then().statusCode(200);
        assertEquals("{\"type\":\"object\"}", backend.lastRequest.get().sampling().jsonSchema());
        given().contentType("application/json").body(chatBody(",\"response_format\":{\"type\":\"json_schema\","
                + "\"json_schema\":{\"name\":\"answer\",\"strict\":true,\"schema\":{\"type\":\"object\","
                + "\"properties\":{\"ok\":{\"type\":\"boolean\"}}}}}")).post("/v1/chat/completions").then()
                .statusCode(200);
        assertEquals("{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}}}",
                backend.lastRequest.get().sampling().jsonSchema());
        given().contentType("application/json").body(completionBody(",\"presence_penalty\":2"))
                .post("/v1/completions").then().statusCode(200);
        assertEquals(2.0, backend.lastRequest.get().sampling().presencePenalty());
    }

    @Test
    void logitBiasReachesTheBackendByTokenIdAndABadShapeIsRefused() {
        given().contentType("application/json").body(chatBody(",\"logit_bias\":{\"15\":-100,\"7\":2.5}"))
                .post("/v1/chat/completions").then().statusCode(200);
        assertEquals(Map.of(15, -100f, 7, 2.5f), backend.lastRequest.get().sampling().logitBias());
        given().contentType("application/json").body(completionBody(",\"logit_bias\":{}")).post("/v1/completions")
                .then().statusCode(200);
        assertTrue(backend.lastRequest.get().sampling().logitBias().isEmpty());
        int callsBefore = backend.calls.get();
        for (String bad : List.of("[1,2]", "{\"a\":1}", "{\"1.5\":1}", "{\"99999999999\":1}", "{\"1\":\"-100\"}",
                "{\"1\":null}", "\"x\"")) {
            given().contentType("application/json").body(chatBody(",\"logit_bias\":" + bad))
                    .post("/v1/chat/completions").then().statusCode(400)
                    .body("error.param", equalTo("logit_bias"))
                    .body("error.message", containsString("'logit_bias'"));
        }
        assertEquals(callsBefore, backend.calls.get(), "nothing reached the backend");
    }

    @Test
    void echoLeadsTheCompletionWithItsPrompt() {
        given().contentType("application/json").body(completionBody(",\"echo\":true")).post("/v1/completions").then()
                .statusCode(200)
                .body("choices[0].text", equalTo("hello" + String.join("", FakeInferenceBackend.PIECES)));
        given().contentType("application/json").body(completionBody(",\"echo\":false")).post("/v1/completions").then()
                .statusCode(200).body("choices[0].text", equalTo(String.join("", FakeInferenceBackend.PIECES)));
        List<String> events = TestSupport.sse("/v1/completions", completionBody(",\"echo\":true,\"stream\":true"));
        StringBuilder text = new StringBuilder();
        for (String event : events.subList(0, events.size() - 1)) {
            text.append(Json.parse(event).path("choices").path(0).path("text")
                    .asText(""));
        }
        assertEquals("hello" + String.join("", FakeInferenceBackend.PIECES), text.toString());
        assertTrue(events.get(0).contains("\"text\":\"hello\""), "the prompt comes first: " + events.get(0));
    }

    @Test
    void invalidResponseFormatsAreRefusedBeforeAnythingRuns() {
        int callsBefore = backend.calls.get();
        given().contentType("application/json").body(chatBody(",\"response_format\":{\"type\":\"xml\"}"))
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.param", equalTo("response_format.type"))
                .body("error.code", equalTo("unsupported_value"));
        given().contentType("application/json").body(chatBody(",\"response_format\":\"json_object\""))
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.param", equalTo("response_format"));
        given().contentType("application/json").body(chatBody(",\"response_format\":{\"type\":\"json_schema\","
                + "\"json_schema\":{\"name\":\"a\"}}")).post("/v1/chat/completions").then().statusCode(400)
                .body("error.param", equalTo("response_format.json_schema.schema"));
        given().contentType("application/json").body(chatBody(",\"response_format\":{\"type\":\"json_schema\","
                + "\"json_schema\":{\"schema\":{},\"strict\":\"yes\"}}")).post("/v1/chat/completions").then()
                .statusCode(400).body("error.param", equalTo("response_format.json_schema.strict"));
        given().contentType("application/json").body(completionBody(",\"response_format\":{\"type\":\"text\"}"))
                .post("/v1/completions").then().statusCode(400)
                .body("error.code", equalTo("unknown_parameter"));
        assertEquals(callsBefore, backend.calls.get());
    }

    @Test
    void toolChoiceNoneIsHonouredByNotOfferingTheTools() {
        given().contentType("application/json").body(chatBody(",\"tools\":" + TOOLS + ",\"tool_choice\":\"auto\""))
                .post("/v1/chat/completions").then().statusCode(200);
        assertEquals(1, backend.lastRequest.get().chat().tools().size());
        given().contentType("application/json").body(chatBody(",\"tools\":" + TOOLS + ",\"tool_choice\":\"none\""))
                .post("/v1/chat/completions").then().statusCode(200);
        assertTrue(backend.lastRequest.get().chat().tools().isEmpty());
        given().contentType("application/json").body(chatBody(",\"tools\":" + TOOLS
                + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}}"))
                .post("/v1/chat/completions").then().statusCode(200);
        assertTrue(backend.lastRequest.get().sampling().jsonSchema().contains("\"const\":\"f\""),
                "a named function forces a call of it (ToolCallsTest)");
    }

    @Test
    void unknownFieldsAreRefusedByName() {
        int callsBefore = backend.calls.get();
        given().contentType("application/json").body(chatBody(",\"temprature\":0.5"))
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("unknown_parameter"))
                .body("error.param", equalTo("temprature"))
                .body("error.message", containsString("'temprature'"));
        given().contentType("application/json").body(completionBody(",\"max_token\":5"))
                .post("/v1/completions").then().statusCode(400)
                .body("error.code", equalTo("unknown_parameter"))
                .body("error.param", equalTo("max_token"));
        given().contentType("application/json").body(completionBody(",\"tools\":" + TOOLS))
                .post("/v1/completions").then().statusCode(400)
                .body("error.code", equalTo("unknown_parameter"))
                .body("error.param", equalTo("tools"));
        given().contentType("application/json").body(chatBody(",\"unbound\":{}"))
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.code", equalTo("unknown_parameter"))
                .body("error.param", equalTo("unbound"));
        given().contentType("application/json").body(chatBody(",\"echo\":false"))
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.code", equalTo("unknown_parameter"))
                .body("error.param", equalTo("echo"));
        assertEquals(callsBefore, backend.calls.get(), "nothing reached the backend");
    }

    @Test
    void aWebSocketChatFrameFollowsTheSameRules() {
        String frame = TestSupport.chatFrame(MODEL, "%s", "hello");
        try (WsChat.Connection ws = TestSupport.WS.connect()) {
            ws.send(frame.replace("\"%s\"", "\"a\"").replace("}]", "}],\"user\":\"u\",\"store\":false"));
            assertEquals("stop", TestSupport.await(ws, TestSupport.frame("done", "a")).path("finish_reason").asText());
            ws.send(frame.replace("\"%s\"", "\"b\"").replace("}]", "}],\"logprobs\":true"));
            JsonNode refused = TestSupport.await(ws, TestSupport.frame("error", "b"));
            assertEquals("logprobs", refused.at("/error/param").asText());
            assertEquals("unsupported_parameter", refused.at("/error/code").asText());
            ws.send(frame.replace("\"%s\"", "\"c\"").replace("}]", "}],\"temprature\":1"));
            JsonNode unknown = TestSupport.await(ws, TestSupport.frame("error", "c"));
            assertEquals("temprature", unknown.at("/error/param").asText());
            assertEquals("unknown_parameter", unknown.at("/error/code").asText());
        }
    }
}
