package dev.llmplatform.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test WebSocket client for /v1/chat/ws that queues the frames it receives. */
final class WsClient implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Short> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(WebSocket socket) {
        this.socket = socket;
        socket.textMessageHandler(text -> {
            try {
                frames.add(MAPPER.readTree(text));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        socket.closeHandler(v -> closeCode.complete(socket.closeStatusCode()));
    }

    /** Connects with an optional Origin header; fails when the handshake is refused. */
    static WsClient connect(Vertx vertx, String origin) throws Exception {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(18180)
                .setURI("/v1/chat/ws");
        if (origin != null) {
            options.addHeader("Origin", origin);
        }
        WebSocket socket = vertx.createWebSocketClient().connect(options).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return new WsClient(socket);
    }

    void send(String text) {
        socket.writeTextMessage(text);
    }

    void sendBinary(io.vertx.core.buffer.Buffer bytes) {
        socket.writeBinaryMessage(bytes);
    }

    /** The next frame matching the predicate (others are dropped); fails after 10 s. */
    JsonNode await(Predicate<JsonNode> wanted) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end) {
            JsonNode frame = frames.poll(100, TimeUnit.MILLISECONDS);
            if (frame != null && wanted.test(frame)) {
                return frame;
            }
        }
        throw new AssertionError("no matching frame within 10 s");
    }

    static Predicate<JsonNode> frame(String type, String id) {
        return f -> type.equals(f.path("type").asText()) && (id == null || id.equals(f.path("id").asText()));
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }
}
