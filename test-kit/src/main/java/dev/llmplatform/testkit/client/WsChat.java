package dev.llmplatform.testkit.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.CharacterCodingException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The gateway's WebSocket chat protocol ({@code /v1/chat/ws}): {@link #connect()} opens a {@link Connection} that
 * queues every frame it receives, parsed as JSON, for tests that drive the protocol frame by frame;
 * {@link #stream} runs one chat on a connection of its own and times it from the client side from the moment the
 * chat frame is sent (a frontend keeps its socket open across answers, so the handshake is not part of an answer's
 * time to first token). A text frame that is not well-formed UTF-8 makes the JDK client fail the connection; that is
 * counted as an invalid UTF-8 chunk.
 */
public final class WsChat {

    private final HttpClient client;
    private final URI uri;

    /** A client of {@code ws://<gateway>/v1/chat/ws} with an HTTP client of its own. */
    public WsChat(String gatewayBaseUrl) {
        this(HttpClient.newHttpClient(), gatewayBaseUrl);
    }

    /** A client of {@code ws://<gateway>/v1/chat/ws}. */
    public WsChat(HttpClient client, String gatewayBaseUrl) {
        this.client = client;
        this.uri = URI.create(gatewayBaseUrl.replaceFirst("^http", "ws") + "/v1/chat/ws");
    }

    /**
     * Opens a connection.
     *
     * @throws IllegalStateException when the handshake fails or takes more than 10 s
     */
    public Connection connect() {
        Connection connection = new Connection();
        try {
            connection.socket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(uri, connection.listener).get(10, TimeUnit.SECONDS);
            return connection;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("WebSocket handshake with " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Streams one chat on a connection of its own.
     *
     * @param cancelAfterChunks after this many deltas, cancel: with a {@code stop} frame when {@code abort} is false,
     *                          else by dropping the connection; negative to read to the end
     * @param timeout           the whole stream's deadline; past it the result is HUNG
     */
    public StreamResult stream(ChatRequest chat, String id, int cancelAfterChunks, boolean abort, Duration timeout) {
        long connecting = System.nanoTime();
        long deadline = connecting + timeout.toNanos();
        Connection connection;
        long start;
        try {
            connection = connect();
            start = System.nanoTime();
            connection.socket.sendText(Json.write(chat.wsFrame(id)), true).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return StreamResult.failed("WS handshake/send failed", System.nanoTime() - connecting);
        }
        StringBuilder text = new StringBuilder();
        long ttft = -1;
        int chunks = 0;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Event event = left <= 0 ? null : connection.events.poll(left, TimeUnit.NANOSECONDS);
                if (event == null) {
                    return new StreamResult(StreamResult.Outcome.HUNG, "WS deadline", ttft,
                            System.nanoTime() - start, chunks, text.toString(), 0, "");
                }
                if (event.error() != null) {
                    boolean utf8 = rootCause(event.error()) instanceof CharacterCodingException;
                    return new StreamResult(StreamResult.Outcome.FAILED, utf8 ? "WS invalid UTF-8" : "WS error",
                            ttft, System.nanoTime() - start, chunks, text.toString(), utf8 ? 1 : 0, "");
                }
                if (event.json() == null) {
                    return new StreamResult(StreamResult.Outcome.TRUNCATED, "WS close " + event.closeCode(), ttft,
                            System.nanoTime() - start, chunks, text.toString(), 0, "");
                }
                JsonNode json = event.json();
                switch (json.path("type").asText()) {
                    case "delta" -> {
                        String piece = json.path("content").asText("");
                        if (!piece.isEmpty()) {
                            ttft = ttft < 0 ? System.nanoTime() - start : ttft;
                            text.append(piece);
                            chunks++;
                        }
                        if (cancelAfterChunks >= 0 && chunks >= cancelAfterChunks) {
                            cancel(connection, id, abort);
                            return new StreamResult(StreamResult.Outcome.CANCELLED, "", ttft,
                                    System.nanoTime() - start, chunks, text.toString(), 0, "");
                        }
                    }
                    case "done" -> {
                        int tokens = json.path("usage").path("completion_tokens").asInt(chunks);
                        return new StreamResult(StreamResult.Outcome.COMPLETED, "", ttft, System.nanoTime() - start,
                                tokens, text.toString(), 0, json.path("finish_reason").asText(""));
                    }
                    case "error" -> {
                        JsonNode error = json.path("error");
                        return new StreamResult(StreamResult.Outcome.FAILED, "WS error frame "
                                + error.path("code").asText(error.path("type").asText("?")), ttft,
                                System.nanoTime() - start, chunks, text.toString(), 0, "");
                    }
                    default -> {
                        // Other frame types (pings, status) do not end the stream.
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StreamResult.failed("interrupted", System.nanoTime() - start);
        } finally {
            connection.abort();
        }
    }

    private static void cancel(Connection connection, String id, boolean abort) {
        if (abort) {
            connection.abort();
            return;
        }
        try {
            connection.socket.sendText(Json.write(Map.of("type", "stop", "id", id)), true).get(5, TimeUnit.SECONDS);
            connection.socket.sendClose(WebSocket.NORMAL_CLOSURE, "cancelled").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            connection.abort();
        }
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** What the listener saw: a parsed text frame, a close (json null, its code), or an error. */
    public record Event(JsonNode json, int closeCode, Throwable error) {
    }

    /** One open WebSocket to the gateway; every frame it receives is queued in order. */
    public static final class Connection implements AutoCloseable {

        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final Listener listener = new Listener();
        private WebSocket socket;

        private Connection() {
        }

        /** Sends one frame (a String is sent as it is). */
        public void send(Object frame) {
            socket.sendText(Json.write(frame), true).join();
        }

        /**
         * The next frame.
         *
         * @throws IllegalStateException when none comes within the timeout, or the connection closed or failed
         *                               before one came
         */
        public JsonNode next(Duration timeout) {
            Event event;
            try {
                event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (event == null) {
                throw new IllegalStateException("no WebSocket frame within " + timeout);
            }
            if (event.error() != null) {
                throw new IllegalStateException("the WebSocket failed before the next frame", event.error());
            }
            if (event.json() == null) {
                throw new IllegalStateException("the WebSocket closed with " + event.closeCode()
                        + " before the next frame");
            }
            return event.json();
        }

        /**
         * The close code the server sent.
         *
         * @throws IllegalStateException when the server has not closed within the timeout
         */
        public int awaitClose(Duration timeout) {
            try {
                return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("the server did not close the WebSocket within " + timeout);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Drops the connection without a closing handshake, as a crashed or vanished client would. */
        public void abort() {
            socket.abort();
        }

        /** Sends a normal close (when the output is still open) and drops the connection. */
        @Override
        public void close() {
            if (!socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            }
            socket.abort();
        }

        /** Queues every complete text frame (parsed), the close code, or the error. */
        private final class Listener implements WebSocket.Listener {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    JsonNode json = Json.tryParse(partial.toString());
                    events.add(json != null ? new Event(json, -1, null)
                            : new Event(null, -1, new IllegalStateException("non-JSON WebSocket frame: " + partial)));
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                events.add(new Event(null, statusCode, null));
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                events.add(new Event(null, -1, error));
                closed.completeExceptionally(error);
            }
        }
    }
}
