package dev.llmplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmplatform.proto.inference.v1.LoadReport;
import dev.llmplatform.testkit.client.Json;
import dev.llmplatform.testkit.client.LoadProbe;
import dev.llmplatform.testkit.client.SseChat;
import dev.llmplatform.testkit.client.WsChat;
import dev.llmplatform.testkit.platform.Platform;
import dev.llmplatform.testkit.platform.ServiceProcess;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that goes away mid-answer stops generation in the inference service within one second. Runs on the
 * random-weight model: it decodes about a hundred tokens a second and practically never ends a sequence, so a
 * 100-token answer (its trained context is 128 tokens) is still being generated when the client leaves.
 */
class CancellationIT {

    private static final Duration FREE_WITHIN = Duration.ofSeconds(1);
    private final Platform platform = SharedPlatform.get();
    private final ServiceProcess random = platform.inference(SharedPlatform.RANDOM_PROCESS);

    private static Map<String, Object> longChat(boolean stream) {
        return Map.of("model", SharedPlatform.RANDOM, "stream", stream, "max_tokens", 100, "temperature", 0.8,
                "messages", List.of(Map.of("role", "user", "content", "Tell me a very long story.")));
    }

    @Test
    void closingTheSseConnectionStopsGeneration() throws Exception {
        try (LoadProbe probe = platform.loadProbe(random)) {
            probe.await(r -> r.getRunning() == 0, Duration.ofSeconds(30));
            long cancelledBefore = probe.load().getCancelledTotal();
            byte[] body = Json.write(longChat(true)).getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket("127.0.0.1", platform.gateway().port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Accept: text/event-stream\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                InputStream in = socket.getInputStream();
                int dataLines = 0;
                for (byte[] line; dataLines < 4 && (line = SseChat.readLine(in)) != null; ) {
                    if (new String(line, StandardCharsets.UTF_8).startsWith("data:")) {
                        dataLines++;
                    }
                }
                assertEquals(4, dataLines, "the stream should have started");
                assertEquals(1, probe.load().getRunning(), "generation is running while the client reads");
            }
            Duration freed = probe.await(r -> r.getRunning() == 0, Duration.ofSeconds(5));
            assertTrue(freed.compareTo(FREE_WITHIN) <= 0, "slot freed after " + freed.toMillis() + " ms");
            LoadReport after = probe.load();
            assertTrue(after.getCancelledTotal() > cancelledBefore, "the engine counted the cancellation: " + after);
        }
    }

    @Test
    void closingTheWebSocketStopsGeneration() {
        try (LoadProbe probe = platform.loadProbe(random)) {
            probe.await(r -> r.getRunning() == 0, Duration.ofSeconds(30));
            long cancelledBefore = probe.load().getCancelledTotal();
            WsChat.Connection ws = new WsChat(platform.gateway().baseUrl()).connect();
            Map<String, Object> frame = new java.util.HashMap<>(longChat(false));
            frame.remove("stream");
            frame.put("type", "chat");
            frame.put("id", "leave-early");
            ws.send(frame);
            for (int i = 0; i < 4; i++) {
                JsonNode next = ws.next(Duration.ofSeconds(30));
                assertEquals("delta", next.path("type").asText(), next.toString());
            }
            assertEquals(1, probe.load().getRunning(), "generation is running while the client reads");
            ws.abort();
            Duration freed = probe.await(r -> r.getRunning() == 0, Duration.ofSeconds(5));
            assertTrue(freed.compareTo(FREE_WITHIN) <= 0, "slot freed after " + freed.toMillis() + " ms");
            assertTrue(probe.load().getCancelledTotal() > cancelledBefore, "the engine counted the cancellation");
        }
    }
}
