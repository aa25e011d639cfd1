package dev.llmplatform.gateway.ws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.gateway.connection.RequestAccounting;
import dev.llmplatform.gateway.fakes.FakeBackends;
import dev.llmplatform.testkit.await.Await;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket's upgrade request stays in flight for Quarkus' graceful shutdown while the socket is open and ends when
 * it closes, so shutdown waits exactly as long as sockets are open ({@link SocketDrain} closes them) instead of the
 * whole {@code quarkus.shutdown.timeout}. The packaged gateway's shutdown is measured by e2e-tests' GatewayShutdownIT.
 */
@QuarkusTest
@QuarkusTestResource(FakeBackends.class)
class WebSocketShutdownTest {

    @Inject
    UpgradeDoneProbe probe;

    @Inject
    RequestAccounting accounting;

    @Test
    void anUpgradeRequestEndsWhenItsSocketClosesAndNotBefore() throws Exception {
        assertTrue(accounting.available(), "the request wrapper's done handlers can be run");
        int port;
        try (Socket socket = new Socket("localhost", 18180)) {
            socket.setSoTimeout(10_000);
            port = socket.getLocalPort();
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/chat/ws HTTP/1.1\r\nHost: localhost:18180\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = "";
            while (!head.endsWith("\r\n\r\n")) {
                head += (char) in.read();
            }
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            out.write(new byte[] {(byte) 0x89, (byte) 0x80, 1, 2, 3, 4}); // a masked ping
            out.flush();
            assertTrue((in.read() & 0x0f) == 0xA, "a pong: the socket is open");
            assertTrue(probe.seen(port));
            assertFalse(probe.done(port), "an open socket's upgrade request is still in flight");
        }
        int client = port;
        Await.until(() -> probe.done(client), Duration.ofSeconds(5), "the upgrade request ends when the socket closes");
    }
}
