package dev.llmplatform.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.gateway.fakes.FakeBackends;
import dev.llmplatform.gateway.fakes.FakeInferenceBackend;
import dev.llmplatform.testkit.client.WsChat;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The /v1/chat/ws protocol: deltas and done, stop, concurrent answers, ping, errors mapped as on REST, a stalled
 * answer, origin check, size limit.
 */
@QuarkusTest
@QuarkusTestResource(FakeBackends.class)
class ChatSocketTest {

    @Inject
    FakeInferenceBackend backend;

    static String chatFrame(String id, String content) {
        return TestSupport.chatFrame(FakeInferenceBackend.MODEL, id, content);
    }

    @Test
    void answerArrivesAsDeltasThenDone() {
        try (WsChat.Connection ws = TestSupport.WS.connect()) {
            ws.send(chatFrame("q1", "hello"));
            StringBuilder text = new StringBuilder();
            JsonNode frame;
            do {
                frame = TestSupport.await(ws, f -> "q1".equals(f.path("id").asText()));
                if ("delta".equals(frame.get("type").asText())) {
                    text.append(frame.get("content").asText());
                }
            } while ("delta".equals(frame.get("type").asText()));
            assertEquals("done", frame.get("type").asText());
            assertEquals("stop", frame.get("finish_reason").asText());
            assertEquals(12, frame.at("/usage/total_tokens").asInt());
            assertEquals(3, frame.at("/usage/prompt_tokens_details/cached_tokens").asInt());
            assertEquals(12.5, frame.at("/timings/time_to_first_token_ms").asDouble());
            assertEquals(String.join("", FakeInferenceBackend.PIECES), text.toString());
        }
    }

    @Test
    void twoAnswersRunAtOnceAndStopCancelsOne() {
        int cancelledBefore = backend.cancelled.get();
        try (WsChat.Connection ws = TestSupport.WS.connect()) {
            ws.send(chatFrame("long", "slow"));
            TestSupport.await(ws, TestSupport.frame("delta", "long"));
            ws.send(chatFrame("short", "hello"));
            JsonNode shortDone = TestSupport.await(ws, TestSupport.frame("done", "short"));
            assertEquals("stop", shortDone.get("finish_reason").asText());
            ws.send("{\"type\":\"stop\",\"id\":\"long\"}");
            JsonNode longDone = TestSupport.await(ws, TestSupport.frame("done", "long"));
            assertEquals("cancelled", longDone.get("finish_reason").asText());
            assertTrue(longDone.at("/usage/completion_tokens").asInt() >= 1);
            TestSupport.awaitAtLeast(backend.cancelled::get, cancelledBefore + 1, Duration.ofSeconds(1),
                    "the stopped answer's generation is cancelled");
        }
    }

    @Test
    void closingTheSocketCancelsItsAnswers() {
        int cancelledBefore = backend.cancelled.get();
        WsChat.Connection ws = TestSupport.WS.connect();
        ws.send(chatFrame("a", "slow"));
        ws.send(chatFrame("b", "slow"));
        TestSupport.await(ws, TestSupport.frame("delta", "a"));
        TestSupport.await(ws, TestSupport.frame("delta", "b"));
        ws.close();
        TestSupport.awaitAtLeast(backend.cancelled::get, cancelledBefore + 2, Duration.ofSeconds(1),
                "both generations are cancelled when the socket closes");
    }

    @Test
    void pingPongAndErrorFramesMappedAsOnRest() {
        try (WsChat.Connection ws = TestSupport.WS.connect()) {
            ws.send("{\"type\":\"ping\"}");
            TestSupport.await(ws, TestSupport.frame("pong", null));
            ws.send("not json");
            assertEquals("invalid_json", TestSupport.await(ws, TestSupport.frame("error", null))
                    .at("/error/code").asText());
            ws.send(chatFrame("type", "hello").replace("\"temperature\":0", "\"temperature\":\"hot\""));
            JsonNode wrongType = TestSupport.await(ws, TestSupport.frame("error", "type"));
            assertEquals("temperature", wrongType.at("/error/param").asText());
            ws.send(chatFrame("bad", "hello").replace("\"temperature\":0", "\"temperature\":-1"));
            JsonNode error = TestSupport.await(ws, TestSupport.frame("error", "bad"));
            assertEquals("invalid_request_error", error.at("/error/type").asText());
            assertEquals("temperature must be in [0, 2], got -1.0", error.at("/error/message").asText(),
                    "the inference service's message, unchanged");
            ws.send(chatFrame("nomodel", "hello").replace(FakeInferenceBackend.MODEL, "no-such-model"));
            assertEquals("model_not_found", TestSupport.await(ws, TestSupport.frame("error", "nomodel"))
                    .at("/error/code").asText());
        }
    }

    @Test
    void anAnswerThatGoesSilentEndsWithAnErrorFrame() {
        try (WsChat.Connection ws = TestSupport.WS.connect()) {
            ws.send(chatFrame("s1", "stall"));
            TestSupport.await(ws, TestSupport.frame("delta", "s1"));
            JsonNode error = TestSupport.await(ws, TestSupport.frame("error", "s1"));
            assertEquals("backend_stalled", error.at("/error/code").asText());
            assertTrue(error.at("/error/message").asText().contains("cut off"));
        }
    }

    @Test
    void foreignOriginIsRefusedAtHandshake() throws Exception {
        IOException refused = assertThrows(IOException.class,
                () -> RawHttp.openWebSocket("Origin: http://evil.example\r\n"));
        assertTrue(refused.getMessage().contains("403"), refused.getMessage());
        try (Socket sameOrigin = RawHttp.openWebSocket("Origin: http://localhost:" + RawHttp.PORT + "\r\n")) {
            RawHttp.sendFrame(sameOrigin, 1, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
            RawHttp.Frame pong = RawHttp.readFrame(sameOrigin);
            assertEquals(1, pong.opcode());
            assertTrue(pong.text().contains("\"pong\""), pong.text());
        }
    }

    @Test
    void oversizedMessageClosesWith1009() {
        WsChat.Connection ws = TestSupport.WS.connect();
        ws.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");
        assertEquals(1009, ws.awaitClose(Duration.ofSeconds(10)));
    }
}
