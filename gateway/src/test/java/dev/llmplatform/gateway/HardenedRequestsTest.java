package dev.llmplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.fakes.FakeBackends;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import dev.llmplatform.gateway.fakes.FakeInferenceBackend;
import dev.llmplatform.testkit.client.WsChat;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Small hardening cases: echoed values are cut, trailing data after a JSON body is refused, request framing that two
 * parsers could read differently is refused, 400 messages name no Java internals, binary WebSocket frames close 1003.
 */
@QuarkusTest
@QuarkusTestResource(FakeBackends.class)
class HardenedRequestsTest {

    private static final String HUGE = "m".repeat(7_000_000);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Large bodies go over the raw client: the HTTP test client's own JSON handling would cost seconds each. */
    @Test
    void aHugeModelNameIsNeverEchoedInFull() throws Exception {
        RawHttp.Reply chat = RawHttp.send("POST", "/v1/chat/completions", null,
                ChatCompletionsTest.chat("hello", "").replace(FakeInferenceBackend.MODEL, HUGE));
        assertEquals(400, chat.status());
        assertTrue(chat.body().length() < 1_000, "body of " + chat.body().length() + " characters");
        assertTrue(chat.body().contains("7000000 characters"), chat.body());
        String longName = "x".repeat(3_000);
        Response model = given().get("/v1/models/" + longName);
        assertEquals(404, model.statusCode());
        assertTrue(model.asString().length() < 1_000, model.asString());
        for (String path : new String[] {"/v1/tokenize", "/v1/tokenize/count"}) {
            RawHttp.Reply tokenize = RawHttp.send("POST", path, null,
                    "{\"tokenizer\":\"" + HUGE + "\",\"text\":\"a\"}");
            assertEquals(400, tokenize.status());
            assertTrue(tokenize.body().length() < 1_000, tokenize.body());
        }
        Response unknown = given().contentType("application/json")
                .body("{\"tokenizer\":\"" + "t".repeat(250) + "\",\"text\":\"a\"}").post("/v1/tokenize");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.asString().length() < 1_000, unknown.asString());
    }

    @Test
    void webSocketErrorFramesCutEchoedValues() {
        try (WsChat.Connection ws = TestSupport.WS.connect()) {
            String big = "i".repeat(500_000);
            ws.send("{\"type\":\"stop\",\"id\":\"" + big + "\"}");
            JsonNode stop = TestSupport.await(ws, TestSupport.frame("error", null));
            assertTrue(stop.toString().length() < 1_000, "frame of " + stop.toString().length() + " characters");
            ws.send("{\"type\":\"bogus\",\"id\":\"" + big + "\"}");
            assertTrue(TestSupport.await(ws, TestSupport.frame("error", null)).toString().length() < 1_000);
            ws.send(ChatSocketTest.chatFrame("m1", "hello").replace(FakeInferenceBackend.MODEL, "n".repeat(500_000)));
            JsonNode model = TestSupport.await(ws, TestSupport.frame("error", "m1"));
            assertTrue(model.toString().length() < 1_000, model.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"tokenizer\":\"words\",\"text\":\"a\"} xyz", "{\"tokenizer\":\"words\",\"text\":\"a\"}{}",
        "{\"tokenizer\":\"words\",\"text\":\"a\"} 1", "{}{}"})
    void dataAfterTheJsonBodyIsRefused(String body) {
        // the chat route gets a chat body with the same trailing data: a tokenizer body's fields are unknown to it
        String chat = body.replace("{\"tokenizer\":\"words\",\"text\":\"a\"}", "{\"model\":\"m\",\"messages\":[]}");
        for (String path : new String[] {"/v1/tokenize", "/v1/chat/completions"}) {
            Response response = given().contentType("application/json")
                    .body(path.equals("/v1/tokenize") ? body : chat).post(path);
            assertEquals(400, response.statusCode(), path + " " + body);
            assertEquals("invalid_json", response.path("error.code"));
            String message = response.path("error.message");
            assertTrue(message.contains("after the JSON value") || message.contains("Unrecognized token 'xyz'"),
                    response.asString());
        }
    }

    @Test
    void dataAfterAWebSocketFrameIsRefused() {
        try (WsChat.Connection ws = TestSupport.WS.connect()) {
            ws.send("{\"type\":\"ping\"} {\"type\":\"ping\"}");
            JsonNode error = TestSupport.await(ws, TestSupport.frame("error", null));
            assertEquals("invalid_json", error.at("/error/code").asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"model\":}", "[1", "\"just a string\"", "", "{\"model\":\"a\",}", "{'model':'a'}",
        "DEEP", "NUMBER", "{\"model\":\"\\ud800\",\"x\":tru}", "{\"model\":1e99999999999}",
        "{\"messages\":\"x\",\"model\":\"fake-model\"}", "{\"model\":\"fake-model\",\"messages\":[{\"role\":7}]}"})
    void every400NamesNoJavaInternals(String body) throws Exception {
        String sent = switch (body) {
            case "DEEP" -> "[".repeat(5_000) + "]".repeat(5_000);
            case "NUMBER" -> "{\"model\":" + "9".repeat(5_000) + "}";
            default -> body;
        };
        for (String path : new String[] {"/v1/chat/completions", "/v1/completions", "/v1/tokenize",
            "/v1/tokenizers/cost", "/v1/tokenizers/compare", "/apply-template"}) {
            RawHttp.Reply response = RawHttp.send("POST", path, null, sent); // raw: the 5000-deep body costs no time
            assertEquals(400, response.status(), path + " " + body + ": " + response.body());
            String message = MAPPER.readTree(response.body()).at("/error/message").asText();
            for (String internal : new String[] {"java.", "`", "com.fasterxml", "jackson", "Source:", "Constraints",
                "REDACTED", "JsonNode", "io.vertx", "dev.llmplatform"}) {
                assertFalse(message.contains(internal), path + " " + body + ": " + message);
            }
        }
    }

    @Test
    void invalidUtf8IsA400WithAPosition() throws Exception {
        byte[] body = "{\"tokenizer\":\"words\",\"text\":\"a\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        byte[] head = ("POST /v1/tokenize HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        RawHttp.Reply reply = RawHttp.exchange(head, body);
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.body().contains("line 1"), reply.body());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Transfer-Encoding: xchunked", "Transfer-Encoding: chunked, identity",
        "Transfer-Encoding: identity", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked",
        "Transfer-Encoding:  CHUNKEDX"})
    void transferEncodingsOtherThanChunkedAreRefusedAndTheConnectionClosed(String header) throws Exception {
        assertRefusedAndClosed("POST /v1/tokenize HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + header + "\r\n\r\n" + "1f\r\n{\"tokenizer\":\"words\",\"text\":\"a\"}\r\n0\r\n\r\n"
                + "GET /v1/models HTTP/1.1\r\nHost: localhost\r\n\r\n");
    }

    @Test
    void ambiguousLengthsAreRefused() throws Exception {
        assertRefusedAndClosed("POST /v1/tokenize HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n1f\r\n{\"tokenizer\":\"words\",\"text\":\"a\"}\r\n0\r\n\r\n");
        assertRefusedAndClosed("POST /v1/tokenize HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 31\r\nContent-Length: 31\r\n\r\n{\"tokenizer\":\"words\",\"text\":\"a\"}");
        assertRefusedAndClosed("POST /v1/tokenize HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 31\r\nContent-Length: 5\r\n\r\n{\"tokenizer\":\"words\",\"text\":\"a\"}");
        assertRefusedAndClosed("POST /v1/tokenize HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1f\r\n\r\n{\"tokenizer\":\"words\",\"text\":\"a\"}");
    }

    @Test
    void aChunkedBodyWithAContentLengthIsReadOnceAndNothingIsSmuggled() throws Exception {
        String smuggled = "GET /v1/models HTTP/1.1\r\nHost: localhost\r\n\r\n";
        String raw = "POST /v1/tokenize HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "1f\r\n{\"tokenizer\":\"words\",\"text\":\"a\"}\r\n0\r\n\r\n" + smuggled;
        String answer = exchangeUntilClosed(raw);
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertFalse(answer.contains("\"object\":\"list\""), "the bytes after the body were run as a request: " + answer);
    }

    @Test
    void aBinaryFrameClosesTheSocketWith1003() throws Exception {
        try (Socket ws = RawHttp.openWebSocket(null)) {
            RawHttp.sendFrame(ws, 2, new byte[] {1, 2, 3});
            RawHttp.Frame close = RawHttp.readFrame(ws);
            assertEquals(8, close.opcode(), "a close frame");
            assertEquals(1003, close.closeCode());
        }
    }

    private static void assertRefusedAndClosed(String raw) throws Exception {
        String answer = exchangeUntilClosed(raw);
        assertTrue(answer.startsWith("HTTP/1.1 400") || answer.startsWith("HTTP/1.0 400"), answer);
        assertEquals(1, answer.split("HTTP/1\\.[01] ", -1).length - 1, "exactly one answer: " + answer);
    }

    /** Sends raw bytes and reads until the server closes the connection (fails after 10 s). */
    private static String exchangeUntilClosed(String raw) throws Exception {
        try (Socket socket = new Socket("localhost", RawHttp.PORT)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
