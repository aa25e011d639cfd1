package dev.llmplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A WebSocket client of the gateway's chat protocol that queues every frame it receives, parsed as JSON. */
final class WsClient implements WebSocket.Listener, AutoCloseable {

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;
    private volatile int closeCode = -1;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    WsClient(String gatewayBaseUrl) {
        URI uri = URI.create(gatewayBaseUrl.replaceFirst("^http", "ws") + "/v1/chat/ws");
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, this).join();
    }

    void send(Object frame) {
        socket.sendText(Http.json(frame), true).join();
    }

    /** The next frame, or an assertion failure after the timeout. */
    JsonNode next(Duration timeout) {
        try {
            JsonNode frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no WebSocket frame within " + timeout + " (close code " + closeCode + ")");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Drops the connection without a closing handshake, as a crashed or vanished client would. */
    void abort() {
        socket.abort();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(Http.parse(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        closed.complete(statusCode);
        return null;
    }

    /** The close code the server sent, or an assertion failure when it has not closed within the timeout. */
    int awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the server did not close the WebSocket within " + timeout);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
