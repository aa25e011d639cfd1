package dev.llmplatform.testkit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmplatform.testkit.platform.ServiceProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SSE chat client and the JSON helper against a scripted gateway on 127.0.0.1: the model name of a request picks
 * the script.
 */
class SseChatTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();
    private static HttpServer server;
    private static String base;

    @BeforeAll
    static void startGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/v1/chat/completions", SseChatTest::chat);
        server.createContext("/v1/models", exchange -> respond(exchange, 200,
                "{\"data\":[{\"id\":\"a\",\"endpoints\":2},{\"id\":\"b\",\"endpoints\":1}]}"));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopGateway() {
        server.stop(0);
    }

    private static void chat(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode request = Json.tryParse(body);
        if (request == null || request.isMissingNode()) {
            respond(exchange, 400, "{\"error\":{\"message\":\"malformed JSON\"}}");
            return;
        }
        REQUESTS.add(request);
        String model = request.path("model").asText();
        if (model.equals("busy")) {
            respond(exchange, 429, "{\"error\":{\"message\":\"busy\"}}");
            return;
        }
        if (!request.path("stream").asBoolean()) {
            respond(exchange, 200, "{\"choices\":[{\"message\":{\"content\":\"Hello world\"}}]}");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            event(out, "{\"choices\":[{\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}");
            if (model.equals("broken-utf8")) {
                out.write("data: {\"choices\":[{\"delta\":{\"content\":\"".getBytes(StandardCharsets.UTF_8));
                out.write(new byte[] {(byte) 0xC3, (byte) 0x28});
                out.write("\"}}]}\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            }
            if (model.equals("error")) {
                event(out, "{\"error\":{\"type\":\"server_error\",\"message\":\"engine failed\"}}");
                return;
            }
            event(out, "{\"choices\":[{\"delta\":{\"content\":\"lo w\"},\"finish_reason\":null}]}");
            event(out, "{\"choices\":[{\"delta\":{\"content\":\"orld\"},\"finish_reason\":null}]}");
            if (model.equals("cut")) {
                return;
            }
            event(out, "{\"choices\":[{\"delta\":{},\"finish_reason\":\"length\"}]}");
            if (request.path("stream_options").path("include_usage").asBoolean()) {
                event(out, "{\"choices\":[],\"usage\":{\"completion_tokens\":7}}");
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void event(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static ChatRequest chat(String model) {
        return new ChatRequest(model, "Once upon a time", 8, 0.0, 42);
    }

    @Test
    void aStreamToDoneHasItsTextUsageAndFinishReason() {
        StreamResult result = new SseChat(base).stream(chat("ok"), -1, TIMEOUT);
        assertEquals(StreamResult.Outcome.COMPLETED, result.outcome(), result.toString());
        assertEquals("Hello world", result.text());
        assertEquals(7, result.completionTokens(), "from the usage report");
        assertEquals("length", result.finishReason());
        assertEquals(0, result.invalidUtf8Chunks());
        assertFalse(Double.isNaN(result.ttftMs()));
        JsonNode sent = REQUESTS.get(REQUESTS.size() - 1);
        assertTrue(sent.path("stream").asBoolean());
        assertTrue(sent.path("stream_options").path("include_usage").asBoolean());
        assertEquals(42, sent.path("seed").asInt());
    }

    @Test
    void aBodyGivenAsItIsGetsOnlyStreamAdded() {
        StreamResult result = new SseChat(base).stream(Map.of("model", "plain", "max_tokens", 8), -1, TIMEOUT);
        assertEquals(StreamResult.Outcome.COMPLETED, result.outcome(), result.toString());
        assertEquals("Hello world", result.text());
        assertEquals(3, result.completionTokens(), "without a usage report the content chunks are counted");
        JsonNode sent = REQUESTS.get(REQUESTS.size() - 1);
        assertTrue(sent.path("stream").asBoolean());
        assertTrue(sent.path("stream_options").isMissingNode());
    }

    @Test
    void badUtf8IsCountedPerDataLine() {
        StreamResult result = new SseChat(base).stream(chat("broken-utf8"), -1, TIMEOUT);
        assertEquals(StreamResult.Outcome.COMPLETED, result.outcome(), result.toString());
        assertEquals(1, result.invalidUtf8Chunks());
    }

    @Test
    void cancellingAfterTwoChunksStopsReading() {
        StreamResult result = new SseChat(base).stream(chat("ok"), 2, TIMEOUT);
        assertEquals(StreamResult.Outcome.CANCELLED, result.outcome());
        assertEquals("Hello w", result.text());
        assertEquals(2, result.completionTokens());
    }

    @Test
    void errorsStatusesAndCutStreamsAreToldApart() {
        SseChat sse = new SseChat(base);
        StreamResult error = sse.stream(chat("error"), -1, TIMEOUT);
        assertEquals(StreamResult.Outcome.FAILED, error.outcome());
        assertEquals("SSE error event server_error", error.errorClass());
        assertEquals("Hel", error.text());
        StreamResult busy = sse.stream(chat("busy"), -1, TIMEOUT);
        assertEquals(StreamResult.Outcome.FAILED, busy.outcome());
        assertEquals("HTTP 429", busy.errorClass());
        StreamResult cut = sse.stream(chat("cut"), -1, TIMEOUT);
        assertEquals(StreamResult.Outcome.TRUNCATED, cut.outcome());
        assertEquals("Hello world", cut.text());
    }

    @Test
    void readLineSplitsOnLfAndDropsCr() throws IOException {
        var in = new java.io.ByteArrayInputStream("a\r\nbc\n\nlast".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        for (byte[] line; (line = SseChat.readLine(in)) != null; ) {
            seen.write(line);
            seen.write('|');
        }
        assertEquals("a|bc||last|", seen.toString(StandardCharsets.UTF_8));
    }

    @Test
    void jsonRequestsGiveStatusRawAndParsedBodies() {
        HttpJson http = new HttpJson();
        HttpJson.Reply ok = http.post(base + "/v1/chat/completions", chat("ok").openAiBody());
        assertEquals(200, ok.status(), ok.raw());
        assertEquals("Hello world", ok.json().path("choices").path(0).path("message").path("content").asText());
        HttpJson.Reply malformed = http.post(base + "/v1/chat/completions", "{not json");
        assertEquals(400, malformed.status());
        assertEquals("malformed JSON", malformed.json().path("error").path("message").asText());
        HttpJson.Reply models = http.get(base + "/v1/models");
        assertEquals(3, dev.llmplatform.testkit.platform.Platform.routedEndpoints(models));
        HttpJson.Reply nobody = http.get("http://127.0.0.1:" + ServiceProcess.freePort() + "/v1/models");
        assertEquals(-1, nobody.status());
        assertNull(nobody.json());
        assertEquals(0, dev.llmplatform.testkit.platform.Platform.routedEndpoints(nobody));
    }
}
