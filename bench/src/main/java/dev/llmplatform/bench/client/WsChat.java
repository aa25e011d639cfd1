package dev.llmplatform.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.CharacterCodingException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Streams a chat over the gateway's WebSocket protocol, one connection per chat, timing it from the client side from
 * the moment the chat frame is sent: a frontend keeps its socket open across answers, so the handshake is not part of
 * an answer's time to first token (the SSE and gRPC clients reuse pooled connections the same way).
 * A text frame that is not well-formed UTF-8 makes the JDK client fail the connection; that is counted as an
 * invalid UTF-8 chunk.
 */
public final class WsChat {

    private final HttpClient client;
    private final URI uri;

    /** A client of {@code ws://<gateway>/v1/chat/ws}. */
    public WsChat(HttpClient client, String gatewayBaseUrl) {
        this.client = client;
        this.uri = URI.create(gatewayBaseUrl.replaceFirst("^http", "ws") + "/v1/chat/ws");
    }

    /** What the listener saw: a parsed text frame, a close, or an error. */
    private record Frame(JsonNode json, int closeCode, Throwable error) {
    }

    /**
     * Streams one chat.
     *
     * @param cancelAfterChunks after this many deltas, cancel: with a {@code stop} frame when {@code abort} is false,
     *                          else by dropping the connection; negative to read to the end
     * @param timeout           the whole stream's deadline; past it the result is HUNG
     */
    public StreamResult stream(ChatRequest chat, String id, int cancelAfterChunks, boolean abort, Duration timeout) {
        BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        long connecting = System.nanoTime();
        long deadline = connecting + timeout.toNanos();
        WebSocket socket;
        long start;
        try {
            socket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(uri, new Listener(frames)).get(10, TimeUnit.SECONDS);
            start = System.nanoTime();
            socket.sendText(Json.write(chat.wsFrame(id)), true).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return StreamResult.failed("WS handshake/send failed", System.nanoTime() - connecting);
        }
        StringBuilder text = new StringBuilder();
        long ttft = -1;
        int chunks = 0;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Frame frame = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
                if (frame == null) {
                    return new StreamResult(StreamResult.Outcome.HUNG, "WS deadline", ttft,
                            System.nanoTime() - start, chunks, text.toString(), 0, "");
                }
                if (frame.error() != null) {
                    boolean utf8 = rootCause(frame.error()) instanceof CharacterCodingException;
                    return new StreamResult(StreamResult.Outcome.FAILED, utf8 ? "WS invalid UTF-8" : "WS error",
                            ttft, System.nanoTime() - start, chunks, text.toString(), utf8 ? 1 : 0, "");
                }
                if (frame.json() == null) {
                    return new StreamResult(StreamResult.Outcome.TRUNCATED, "WS close " + frame.closeCode(), ttft,
                            System.nanoTime() - start, chunks, text.toString(), 0, "");
                }
                JsonNode json = frame.json();
                switch (json.path("type").asText()) {
                    case "delta" -> {
                        String piece = json.path("content").asText("");
                        if (!piece.isEmpty()) {
                            ttft = ttft < 0 ? System.nanoTime() - start : ttft;
                            text.append(piece);
                            chunks++;
                        }
                        if (cancelAfterChunks >= 0 && chunks >= cancelAfterChunks) {
                            cancel(socket, id, abort);
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
            socket.abort();
        }
    }

    private static void cancel(WebSocket socket, String id, boolean abort) {
        if (abort) {
            socket.abort();
            return;
        }
        try {
            socket.sendText(Json.write(Map.of("type", "stop", "id", id)), true).get(5, TimeUnit.SECONDS);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "cancelled").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Queues every complete text frame (parsed), the close code, or the error. */
    private static final class Listener implements WebSocket.Listener {
        private final BlockingQueue<Frame> frames;
        private final StringBuilder partial = new StringBuilder();

        Listener(BlockingQueue<Frame> frames) {
            this.frames = frames;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode json = Json.tryParse(partial.toString());
                partial.setLength(0);
                frames.add(json != null ? new Frame(json, -1, null)
                        : new Frame(null, -1, new IllegalStateException("non-JSON WebSocket frame")));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            frames.add(new Frame(null, statusCode, null));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            frames.add(new Frame(null, -1, error));
        }
    }
}
