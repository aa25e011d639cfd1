package dev.llmplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.testsupport.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a gateway with open WebSockets: idle sockets are closed with 1001 (going away) so that clients reconnect
 * elsewhere, a running answer finishes and then its socket closes, a new chat is refused. Runs its own gateway, in
 * front of the shared random-weight model (about a hundred tokens a second, so an answer is still running when the
 * signal comes), with no shutdown delay. The process itself then waits Quarkus's shutdown timeout (gateway/README.md,
 * "Known limit"), so the test kills it once it has seen the sockets close.
 */
class GatewayShutdownIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Platform platform = Platform.get();

    @Test
    void idleSocketsCloseAtOnceAndARunningAnswerFinishesBeforeItsSocketCloses() {
        Map<String, String> env = Map.of("TOKENIZER_ADDRESS", "127.0.0.1:" + platform.tokenizer.port(),
                "INFERENCE_ENDPOINTS", "127.0.0.1:" + platform.random.port(), "QUARKUS_SHUTDOWN_DELAY", "0s");
        ServiceProcess gateway = new ServiceProcess("gateway-shutdown", ServiceProcess.packagedJar("gateway"),
                ServiceProcess.freePort(), Map.of(), env, Path.of("target", "e2e-logs").toAbsolutePath());
        try {
            gateway.start().awaitReady(Duration.ofSeconds(120));
            String url = awaitRouted(gateway);
            try (WsClient idle = new WsClient(url); WsClient busy = new WsClient(url)) {
                busy.send(chat("long", 96, "Tell me a story."));
                JsonNode first = busy.next(TIMEOUT);
                assertEquals("delta", first.path("type").asText(), first.toString());

                gateway.terminate();

                assertEquals(1001, idle.awaitClose(TIMEOUT), "an idle socket is closed with 1001 (going away)");
                busy.send(chat("late", 4, "Hi"));
                JsonNode frame;
                boolean refused = false;
                do {
                    frame = busy.next(TIMEOUT);
                    if ("late".equals(frame.path("id").asText())) {
                        assertEquals("error", frame.path("type").asText(), frame.toString());
                        assertEquals("shutting_down", frame.path("error").path("code").asText(), frame.toString());
                        refused = true;
                    } else {
                        assertEquals("long", frame.path("id").asText(), frame.toString());
                    }
                } while (!"done".equals(frame.path("type").asText()) || !"long".equals(frame.path("id").asText()));
                assertTrue(refused, "a chat sent while the gateway drains is refused");
                assertEquals("length", frame.path("finish_reason").asText(), "the answer ran to its end: " + frame);
                assertEquals(1001, busy.awaitClose(TIMEOUT), "the busy socket closes after its last answer");
            }
        } finally {
            gateway.kill();
        }
    }

    private static Map<String, Object> chat(String id, int maxTokens, String content) {
        return Map.of("type", "chat", "id", id, "model", Platform.RANDOM, "max_tokens", maxTokens, "temperature", 0.0,
                "messages", List.of(Map.of("role", "user", "content", content)));
    }

    /** Waits until the gateway routes to the model; returns its base URL. */
    private static String awaitRouted(ServiceProcess gateway) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Http.get(gateway.baseUrl() + "/v1/models").raw().contains(Platform.RANDOM)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the gateway does not route to " + Platform.RANDOM + " within " + TIMEOUT);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return gateway.baseUrl();
    }
}
