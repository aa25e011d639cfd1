package dev.llmplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.testkit.client.WsChat;
import dev.llmplatform.testkit.platform.Platform;
import dev.llmplatform.testkit.platform.ServiceProcess;
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

    private final Platform platform = SharedPlatform.get();

    @Test
    void idleSocketsCloseAtOnceAndARunningAnswerFinishesBeforeItsSocketCloses() {
        ServiceProcess gateway = platform.spec().gatewayProcess("gateway-shutdown", platform.tokenizer(),
                List.of(platform.inference(SharedPlatform.RANDOM_PROCESS)), Map.of("QUARKUS_SHUTDOWN_DELAY", "0s"));
        try {
            gateway.start().awaitReady(Duration.ofSeconds(120));
            Platform.awaitRouted(gateway, 1, TIMEOUT);
            WsChat ws = new WsChat(gateway.baseUrl());
            try (WsChat.Connection idle = ws.connect(); WsChat.Connection busy = ws.connect()) {
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
        return Map.of("type", "chat", "id", id, "model", SharedPlatform.RANDOM, "max_tokens", maxTokens,
                "temperature", 0.0, "messages", List.of(Map.of("role", "user", "content", content)));
    }
}
