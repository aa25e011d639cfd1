package dev.llmplatform.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.gateway.fakes.FakeBackends;
import dev.llmplatform.testkit.await.Await;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Connections that try to hold the gateway open without using it: slow request heads, trickling bodies, idle
 * connections and WebSockets, too many connections or WebSockets from one address. Each is closed or refused while
 * a normal request (from another address) is still served. Raw sockets; the attacker's address is 127.0.0.2. Limits
 * ({@link GrpcBackendProfile}): head 1 s, body 2 s, keep-alive 2 s, 6 connections and 2 WebSockets per client, idle
 * WebSockets 3 s. Upper time bounds are loose, as the build machine may be heavily shared.
 */
@QuarkusTest
@TestProfile(GrpcBackendProfile.class)
@QuarkusTestResource(FakeBackends.class)
class ConnectionLimitsTest {

    private static final long LOOSE_MILLIS = 20_000;

    @Test
    void aSlowRequestHeadGets408AndIsClosedWhileOthersAreServed() throws Exception {
        awaitReady();
        try (Socket slow = RawHttp.fromSecondAddress()) {
            slow.setSoTimeout((int) LOOSE_MILLIS);
            OutputStream out = slow.getOutputStream();
            long start = System.nanoTime();
            out.write("GET /v1/models HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread trickle = new Thread(() -> {
                try {
                    for (int i = 0; i < 100; i++) {
                        Thread.sleep(300);
                        out.write('X');
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // closed by the server: expected
                }
            });
            trickle.start();
            assertEquals(200, RawHttp.send("GET", "/v1/models", null, null).status(), "others are served");
            String answer = readUntilClosed(slow.getInputStream());
            long millis = (System.nanoTime() - start) / 1_000_000;
            trickle.interrupt();
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("\"request_timeout\""), answer);
            assertTrue(millis >= 900 && millis < LOOSE_MILLIS, "closed after " + millis + " ms");
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws Exception {
        awaitReady();
        try (Socket idle = RawHttp.fromSecondAddress()) {
            idle.setSoTimeout((int) LOOSE_MILLIS);
            long start = System.nanoTime();
            String answer = readUntilClosed(idle.getInputStream());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("", answer, "closed without an answer: nothing was asked");
            assertTrue(millis >= 900 && millis < LOOSE_MILLIS, "closed after " + millis + " ms");
        }
    }

    @Test
    void aTricklingBodyGets408AndIsClosed() throws Exception {
        awaitReady();
        try (Socket slow = RawHttp.fromSecondAddress()) {
            slow.setSoTimeout((int) LOOSE_MILLIS);
            OutputStream out = slow.getOutputStream();
            long start = System.nanoTime();
            out.write(("POST /v1/tokenize HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"tokenizer\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread trickle = new Thread(() -> {
                try {
                    for (int i = 0; i < 80; i++) {
                        Thread.sleep(300);
                        out.write(' ');
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // closed by the server: expected
                }
            });
            trickle.start();
            String answer = readUntilClosed(slow.getInputStream());
            long millis = (System.nanoTime() - start) / 1_000_000;
            trickle.interrupt();
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("\"request_timeout\"") && answer.contains("body"), answer);
            assertTrue(millis >= 1_900 && millis < LOOSE_MILLIS, "closed after " + millis + " ms");
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsTimeout() throws Exception {
        awaitReady();
        try (Socket socket = RawHttp.fromSecondAddress()) {
            socket.setSoTimeout((int) LOOSE_MILLIS);
            socket.getOutputStream().write("GET /v1/models HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            RawHttp.Reply first = RawHttp.read(socket.getInputStream());
            assertEquals(200, first.status());
            long start = System.nanoTime();
            assertEquals("", readUntilClosed(socket.getInputStream()));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 1_900 && millis < LOOSE_MILLIS, "closed after " + millis + " ms");
        }
    }

    @Test
    void aLongRequestIsNotCutByTheConnectionDeadlines() throws Exception {
        awaitReady();
        RawHttp.Reply reply = RawHttp.send("POST", "/v1/chat/completions", null,
                ChatCompletionsTest.chat("prefill", ""));
        assertEquals(200, reply.status(), "a 1.5 s answer outlives the 1 s head deadline: " + reply.body());
    }

    @Test
    void connectionsBeyondThePerClientCapAreRefusedWhileOthersAreServed() throws Exception {
        awaitReady();
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                Socket socket = RawHttp.fromSecondAddress();
                held.add(socket);
                byte[] body = ChatCompletionsTest.chat("slow", ",\"stream\":true").getBytes(StandardCharsets.UTF_8);
                socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(body);
                socket.getOutputStream().flush();
                socket.setSoTimeout((int) LOOSE_MILLIS);
                assertTrue(new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)
                        .startsWith("HTTP/1.1 200"), "stream " + i + " runs");
            }
            try (Socket extra = RawHttp.fromSecondAddress()) {
                extra.setSoTimeout((int) LOOSE_MILLIS);
                String answer = readUntilClosed(extra.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
                assertTrue(answer.contains("\"too_many_connections\""), answer);
            }
            assertEquals(200, RawHttp.send("GET", "/v1/models", null, null).status(), "others are served");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void webSocketsBeyondThePerClientCapAreRefusedAndIdleOnesClosed() throws Exception {
        awaitReady();
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Socket socket = RawHttp.fromSecondAddress();
                held.add(socket);
                assertEquals(101, handshake(socket), "socket " + i);
            }
            try (Socket third = RawHttp.fromSecondAddress()) {
                assertEquals(429, handshake(third));
            }
            assertEquals(101, RawHttp.handshake("/v1/chat/ws", null).status(), "another address still connects");
            long start = System.nanoTime();
            InputStream in = held.get(0).getInputStream();
            held.get(0).setSoTimeout((int) LOOSE_MILLIS);
            int opcode = in.read();
            int length = in.read();
            int code = (in.read() << 8) | in.read();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(0x88, opcode, "a close frame");
            assertTrue(length >= 2);
            assertEquals(1000, code, "an idle socket is closed normally");
            assertTrue(millis < LOOSE_MILLIS, "closed after " + millis + " ms");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    /** A WebSocket handshake on an open socket; its status, the socket left open. */
    private static int handshake(Socket socket) throws IOException {
        socket.setSoTimeout((int) LOOSE_MILLIS);
        socket.getOutputStream().write(("GET /v1/chat/ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        String text = head.toString();
        if (text.length() < 12) {
            return -1;
        }
        int status = Integer.parseInt(text.substring(9, 12));
        if (status != 101) {
            // drain the refusal's body, if any
            socket.setSoTimeout(500);
            try {
                in.readNBytes(4096);
            } catch (SocketTimeoutException e) {
                // none
            }
        }
        return status;
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            bytes.write(buffer, 0, n);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The gRPC fakes are routed to: the requests here run on them. */
    private static void awaitReady() {
        Await.until(() -> {
            try {
                return RawHttp.send("GET", "/v1/models", null, null).body();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, body -> body.contains("fake-model"), Duration.ofMillis(LOOSE_MILLIS), Duration.ofMillis(100),
                "the gateway routes to the fake model");
    }
}
