package dev.llmplatform.bench.load;

import dev.llmplatform.testkit.client.HttpJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The attacks on the gateway's connections rather than on what a request says: half-open requests and a body that
 * trickles (closed by the head and body deadlines), and more connections and WebSockets from one address than its
 * caps allow.
 */
final class ConnectionAttacks {

    /** Half-open requests opened at once. */
    static final int SLOW_CONNECTIONS = 200;
    private static final Duration HEAD_DEADLINE = Duration.ofSeconds(10);
    private static final Duration BODY_DEADLINE = Duration.ofSeconds(30);
    private final HttpJson http;
    private final String gateway;
    private final int port;

    ConnectionAttacks(HttpJson http, String gateway, int port) {
        this.http = http;
        this.gateway = gateway;
        this.port = port;
    }

    /**
     * Opens half-open requests (a head that never ends) and one request whose body trickles a byte a second, then
     * checks that the gateway closed each by its deadline.
     */
    Attack.Outcome slowClients() {
        List<Socket> open = new ArrayList<>();
        CompletableFuture<Long> trickle = CompletableFuture.supplyAsync(this::trickleUntilClosed);
        try {
            for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.getOutputStream().write("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                        .getBytes(StandardCharsets.US_ASCII));
                open.add(socket);
            }
            Drills.sleep(HEAD_DEADLINE.plusSeconds(3).toMillis());
            long stillOpen = open.stream().filter(RawWire::stillOpen).count();
            long trickledMs = trickle.get(BODY_DEADLINE.plusSeconds(20).toSeconds(), TimeUnit.SECONDS);
            boolean bodyClosed = trickledMs > 0 && trickledMs <= BODY_DEADLINE.plusSeconds(5).toMillis();
            return new Attack.Outcome(open.size() + " half-open: " + stillOpen + " still open after "
                    + HEAD_DEADLINE.plusSeconds(3).toSeconds() + " s; trickled body closed after " + trickledMs
                    + " ms", stillOpen == 0 && bodyClosed);
        } catch (Exception e) {
            return new Attack.Outcome(open.size() + " opened, then " + e, false);
        } finally {
            open.forEach(RawWire::closeQuietly);
        }
    }

    /** Milliseconds until the gateway closed a request whose body arrives at one byte a second; -1 if it never did. */
    private long trickleUntilClosed() {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            long end = start + BODY_DEADLINE.plusSeconds(15).toNanos();
            while (System.nanoTime() < end) {
                out.write('x');
                out.flush();
                if (!RawWire.stillOpen(socket)) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
                Drills.sleep(1000);
            }
            return -1;
        } catch (IOException e) {
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    Attack.Outcome connectionCap() {
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                open.add(new Socket("127.0.0.1", port));
            }
            Drills.sleep(500);
            long refused = open.stream().filter(s -> !RawWire.stillOpen(s)).count();
            open.forEach(RawWire::closeQuietly);
            Drills.sleep(500);
            HttpJson.Reply after = http.get(gateway + "/v1/models");
            return new Attack.Outcome(refused + " of 300 closed at once; /v1/models then " + after.status(),
                    refused >= 300 - 256 && after.status() == 200);
        } catch (IOException e) {
            return new Attack.Outcome(open.size() + " opened, then " + e, false);
        } finally {
            open.forEach(RawWire::closeQuietly);
        }
    }

    Attack.Outcome webSocketCap() {
        HttpClient client = HttpClient.newHttpClient();
        List<WebSocket> open = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            try {
                open.add(client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/chat/ws"), new WebSocket.Listener() {
                        }).get(10, TimeUnit.SECONDS));
            } catch (Exception e) {
                refused++;
            }
        }
        open.forEach(ws -> ws.abort());
        return new Attack.Outcome(open.size() + " open, " + refused + " refused", open.size() <= 32 && refused > 0);
    }
}
