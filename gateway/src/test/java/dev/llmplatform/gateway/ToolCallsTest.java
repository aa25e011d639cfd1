package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.fakes.FakeBackends;
import dev.llmplatform.gateway.fakes.FakeInferenceBackend;
import dev.llmplatform.testkit.client.WsChat;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code tool_choice} "required" or a named function: the inference request carries the JSON schema of one call
 * (the function's name as a constant, its parameters as the arguments' schema), and the answer's JSON becomes
 * {@code tool_calls} with {@code finish_reason: "tool_calls"}, whole and streamed.
 */
@QuarkusTest
@QuarkusTestResource(FakeBackends.class)
class ToolCallsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEATHER = "{\"type\":\"function\",\"function\":{\"name\":\"weather\",\"parameters\":"
            + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}";
    private static final String CLOCK = "{\"type\":\"function\",\"function\":{\"name\":\"clock\"}}";
    private static final String NAMED = ",\"tools\":[" + WEATHER + "," + CLOCK + "],\"tool_choice\":{\"type\":"
            + "\"function\",\"function\":{\"name\":\"weather\"}}";

    @Inject
    FakeInferenceBackend backend;

    private static String body(String extra) {
        return TestSupport.chat(FakeInferenceBackend.MODEL, "call", extra);
    }

    @Test
    void aNamedFunctionHoldsTheAnswerToACallOfItAndAnswersWithToolCalls() throws Exception {
        given().contentType("application/json").body(body(NAMED)).post("/v1/chat/completions").then()
                .statusCode(200)
                .body("choices[0].finish_reason", equalTo("tool_calls"))
                .body("choices[0].message.role", equalTo("assistant"))
                .body("choices[0].message.content", nullValue())
                .body("choices[0].message.tool_calls[0].type", equalTo("function"))
                .body("choices[0].message.tool_calls[0].id", containsString("call_"))
                .body("choices[0].message.tool_calls[0].function.name", equalTo("weather"))
                .body("choices[0].message.tool_calls[0].function.arguments", equalTo("{\"city\":\"Paris\"}"));
        JsonNode schema = JSON.readTree(backend.lastRequest.get().sampling().jsonSchema());
        assertEquals("weather", schema.path("properties").path("name").path("const").asText());
        assertEquals("string", schema.path("properties").path("arguments").path("properties").path("city")
                .path("type").asText(), "the function's parameters are the arguments' schema");
        assertEquals(List.of("name", "arguments"), List.of(schema.path("required").get(0).asText(),
                schema.path("required").get(1).asText()));
        assertTrue(!schema.path("additionalProperties").asBoolean(true));
        assertEquals(2, backend.lastRequest.get().chat().tools().size(), "the template is shown the tools");
    }

    @Test
    void requiredLetsTheModelPickAnyListedFunction() throws Exception {
        given().contentType("application/json").body(body(",\"tools\":[" + WEATHER + "," + CLOCK
                + "],\"tool_choice\":\"required\"")).post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].finish_reason", equalTo("tool_calls"));
        JsonNode schema = JSON.readTree(backend.lastRequest.get().sampling().jsonSchema());
        assertEquals(2, schema.path("anyOf").size());
        assertEquals("clock", schema.path("anyOf").get(1).path("properties").path("name").path("const").asText());
        assertEquals("object", schema.path("anyOf").get(1).path("properties").path("arguments").path("type")
                .asText(), "a function without parameters takes any object");
    }

    @Test
    void aStreamedCallArrivesAsOneToolCallsDelta() throws Exception {
        List<String> events = TestSupport.sse("/v1/chat/completions", body(NAMED + ",\"stream\":true"));
        assertEquals("[DONE]", events.get(events.size() - 1));
        JsonNode role = JSON.readTree(events.get(0));
        assertEquals("assistant", role.path("choices").get(0).path("delta").path("role").asText());
        JsonNode call = JSON.readTree(events.get(1)).path("choices").get(0).path("delta").path("tool_calls").get(0);
        assertEquals(0, call.path("index").asInt());
        assertEquals("weather", call.path("function").path("name").asText());
        assertEquals("{\"city\":\"Paris\"}", call.path("function").path("arguments").asText());
        assertEquals("tool_calls", JSON.readTree(events.get(2)).path("choices").get(0).path("finish_reason").asText());
        for (String event : events.subList(0, events.size() - 1)) {
            assertTrue(!JSON.readTree(event).path("choices").path(0).path("delta").has("content")
                    || JSON.readTree(event).path("choices").path(0).path("delta").path("content").asText().isEmpty(),
                    "no call text is streamed as content: " + event);
        }
    }

    @Test
    void aForcedCallNeedsItsFunctionListedAndNoOtherFormat() {
        int before = backend.calls.get();
        given().contentType("application/json").body(body(",\"tools\":[" + CLOCK + "],\"tool_choice\":{\"type\":"
                + "\"function\",\"function\":{\"name\":\"weather\"}}")).post("/v1/chat/completions").then()
                .statusCode(400).body("error.param", equalTo("tool_choice"))
                .body("error.message", containsString("'weather'"));
        given().contentType("application/json").body(body(",\"tool_choice\":\"required\""))
                .post("/v1/chat/completions").then().statusCode(400).body("error.param", equalTo("tool_choice"));
        given().contentType("application/json").body(body(NAMED + ",\"response_format\":{\"type\":\"json_object\"}"))
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.param", equalTo("response_format"));
        given().contentType("application/json").body(body(",\"tools\":[" + CLOCK + "],\"tool_choice\":\"any\""))
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.code", equalTo("unsupported_value"));
        assertEquals(before, backend.calls.get());
    }

    @Test
    void anAnswerThatIsNotACompleteCallStaysText() {
        given().contentType("application/json").body(TestSupport.chat(FakeInferenceBackend.MODEL, "hello", NAMED))
                .post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("choices[0].message.content", equalTo(String.join("", FakeInferenceBackend.PIECES)));
    }

    @Test
    void aWebSocketAnswerCarriesItsToolCallsInTheDoneFrame() {
        try (WsChat.Connection ws = TestSupport.WS.connect()) {
            ws.send(TestSupport.chatFrame(FakeInferenceBackend.MODEL, "forced", "call").replace("\"temperature\":0",
                    "\"temperature\":0,\"tools\":[" + WEATHER + "],\"tool_choice\":\"required\""));
            StringBuilder text = new StringBuilder();
            JsonNode done = doneFrame(ws, "forced", text);
            assertEquals("", text.toString(), "a forced call has no text");
            assertEquals("tool_calls", done.path("finish_reason").asText());
            assertEquals("weather", done.at("/tool_calls/0/function/name").asText());
            assertEquals("{\"city\":\"Paris\"}", done.at("/tool_calls/0/function/arguments").asText());
            assertTrue(backend.lastRequest.get().sampling().jsonSchema().contains("\"const\":\"weather\""),
                    "the WebSocket answer was held to the call's schema too");

            ws.send(TestSupport.chatFrame(FakeInferenceBackend.MODEL, "auto", "hermes").replace("\"temperature\":0",
                    "\"temperature\":0,\"tools\":[" + WEATHER + "," + CLOCK + "]"));
            text.setLength(0);
            done = doneFrame(ws, "auto", text);
            assertEquals("Let me look.\n", text.toString(), "the text before the call streams as deltas");
            assertEquals("tool_calls", done.path("finish_reason").asText());
            assertEquals("weather", done.at("/tool_calls/0/function/name").asText());

            ws.send(TestSupport.chatFrame(FakeInferenceBackend.MODEL, "plain", "hello"));
            text.setLength(0);
            done = doneFrame(ws, "plain", text);
            assertEquals(String.join("", FakeInferenceBackend.PIECES), text.toString());
            assertTrue(done.path("tool_calls").isMissingNode(), done.toString());
        }
    }

    /** The done frame of answer {@code id}, with the text of its delta frames appended to {@code text}. */
    private static JsonNode doneFrame(WsChat.Connection ws, String id, StringBuilder text) {
        while (true) {
            JsonNode frame = TestSupport.await(ws, f -> id.equals(f.path("id").asText()));
            switch (frame.path("type").asText()) {
                case "delta" -> text.append(frame.path("content").asText());
                case "done" -> {
                    return frame;
                }
                default -> throw new AssertionError("unexpected frame " + frame);
            }
        }
    }

    @Test
    void withAutoTheCallsTheModelWritesInTheHermesFormatBecomeToolCalls() throws Exception {
        String auto = ",\"tools\":[" + WEATHER + "," + CLOCK + "]";
        given().contentType("application/json").body(TestSupport.chat(FakeInferenceBackend.MODEL, "hermes", auto))
                .post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].finish_reason", equalTo("tool_calls"))
                .body("choices[0].message.content", equalTo("Let me look."))
                .body("choices[0].message.tool_calls[0].function.name", equalTo("weather"))
                .body("choices[0].message.tool_calls[0].function.arguments", equalTo("{\"city\":\"Paris\"}"));
        assertEquals("", backend.lastRequest.get().sampling().jsonSchema(), "auto: the model is free to answer");
        List<String> events = TestSupport.sse("/v1/chat/completions", TestSupport.chat(FakeInferenceBackend.MODEL,
                "hermes", auto + ",\"stream\":true"));
        StringBuilder content = new StringBuilder();
        JsonNode call = null;
        String finish = null;
        for (String event : events.subList(0, events.size() - 1)) {
            JsonNode delta = JSON.readTree(event).path("choices").path(0).path("delta");
            content.append(delta.path("content").asText(""));
            call = delta.has("tool_calls") ? delta.path("tool_calls").get(0) : call;
            JsonNode reason = JSON.readTree(event).path("choices").path(0).path("finish_reason");
            finish = reason.isTextual() ? reason.asText() : finish;
        }
        assertEquals("Let me look.\n", content.toString(), "the text before the call streams as content");
        assertEquals("weather", call.path("function").path("name").asText());
        assertEquals("tool_calls", finish);
        given().contentType("application/json").body(TestSupport.chat(FakeInferenceBackend.MODEL, "hermes", ""))
                .post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("choices[0].message.content", containsString("<tool_call>"));
    }
}
