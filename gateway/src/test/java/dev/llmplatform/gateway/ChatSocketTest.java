package dev.llmplatform.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.gateway.fakes.FakeBackends;
import dev.llmplatform.gateway.fakes.FakeInference;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The /v1/chat/ws protocol: deltas and done, stop, concurrent answers, ping, origin check, size limit. */
@QuarkusTest
@QuarkusTestResource(FakeBackends.class)
class ChatSocketTest {

    @Inject
    Vertx vertx;

    static String chatFrame(String id, String content) {
        return "{\"type\":\"chat\",\"id\":\"" + id + "\",\"model\":\"" + FakeBackends.MODEL
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}],\"temperature\":0}";
    }

    @Test
    void answerArrivesAsDeltasThenDone() throws Exception {
        TestSupport.awaitReady();
        try (WsClient ws = WsClient.connect(vertx, null)) {
            ws.send(chatFrame("q1", "hello"));
            StringBuilder text = new StringBuilder();
            JsonNode frame;
            do {
                frame = ws.await(f -> "q1".equals(f.path("id").asText()));
                if ("delta".equals(frame.get("type").asText())) {
                    text.append(frame.get("content").asText());
                }
            } while ("delta".equals(frame.get("type").asText()));
            assertEquals("done", frame.get("type").asText());
            assertEquals("stop", frame.get("finish_reason").asText());
            assertEquals(12, frame.at("/usage/total_tokens").asInt());
            assertEquals(12.5, frame.at("/timings/time_to_first_token_ms").asDouble());
            assertEquals(String.join("", FakeInference.PIECES), text.toString());
        }
    }

    @Test
    void twoAnswersRunAtOnceAndStopCancelsOne() throws Exception {
        TestSupport.awaitReady();
        int cancelledBefore = FakeBackends.FIRST.cancelled.get() + FakeBackends.SECOND.cancelled.get();
        try (WsClient ws = WsClient.connect(vertx, null)) {
            ws.send(chatFrame("long", "slow"));
            ws.await(WsClient.frame("delta", "long"));
            ws.send(chatFrame("short", "hello"));
            JsonNode shortDone = ws.await(WsClient.frame("done", "short"));
            assertEquals("stop", shortDone.get("finish_reason").asText());
            ws.send("{\"type\":\"stop\",\"id\":\"long\"}");
            JsonNode longDone = ws.await(WsClient.frame("done", "long"));
            assertEquals("cancelled", longDone.get("finish_reason").asText());
            assertTrue(longDone.at("/usage/completion_tokens").asInt() >= 1);
            awaitCancelled(cancelledBefore + 1);
        }
    }

    @Test
    void closingTheSocketCancelsItsAnswers() throws Exception {
        TestSupport.awaitReady();
        int cancelledBefore = FakeBackends.FIRST.cancelled.get() + FakeBackends.SECOND.cancelled.get();
        WsClient ws = WsClient.connect(vertx, null);
        ws.send(chatFrame("a", "slow"));
        ws.send(chatFrame("b", "slow"));
        ws.await(WsClient.frame("delta", "a"));
        ws.await(WsClient.frame("delta", "b"));
        ws.close();
        awaitCancelled(cancelledBefore + 2);
    }

    @Test
    void pingPongAndErrorFrames() throws Exception {
        TestSupport.awaitReady();
        try (WsClient ws = WsClient.connect(vertx, null)) {
            ws.send("{\"type\":\"ping\"}");
            ws.await(WsClient.frame("pong", null));
            ws.send("not json");
            assertEquals("invalid_json", ws.await(WsClient.frame("error", null)).at("/error/code").asText());
            ws.send(chatFrame("bad", "hello").replace("\"temperature\":0", "\"temperature\":-1"));
            JsonNode error = ws.await(WsClient.frame("error", "bad"));
            assertEquals("invalid_request_error", error.at("/error/type").asText());
            assertTrue(error.at("/error/message").asText().contains("temperature"));
            ws.send(chatFrame("nomodel", "hello").replace(FakeBackends.MODEL, "no-such-model"));
            assertEquals("model_not_found", ws.await(WsClient.frame("error", "nomodel")).at("/error/code").asText());
        }
    }

    @Test
    void foreignOriginIsRefusedAtHandshake() throws Exception {
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> WsClient.connect(vertx, "http://evil.example"));
        assertTrue(refused.getCause().getMessage().contains("403"), refused.getCause().getMessage());
        try (WsClient sameOrigin = WsClient.connect(vertx, "http://localhost:18180")) {
            sameOrigin.send("{\"type\":\"ping\"}");
            sameOrigin.await(WsClient.frame("pong", null));
        }
    }

    @Test
    void oversizedMessageClosesWith1009() throws Exception {
        WsClient ws = WsClient.connect(vertx, null);
        ws.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");
        assertEquals((short) 1009, ws.closeCode.get(10, TimeUnit.SECONDS));
    }

    private static void awaitCancelled(int expected) {
        long end = System.currentTimeMillis() + 1_000;
        while (System.currentTimeMillis() < end) {
            if (FakeBackends.FIRST.cancelled.get() + FakeBackends.SECOND.cancelled.get() >= expected) {
                return;
            }
            TestSupport.sleep(20);
        }
        throw new AssertionError("the inference call was not cancelled within 1 s");
    }
}
