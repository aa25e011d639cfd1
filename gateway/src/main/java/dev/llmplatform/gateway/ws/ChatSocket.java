package dev.llmplatform.gateway.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmplatform.gateway.backend.GenerationHandle;
import dev.llmplatform.gateway.backend.InferenceBackend;
import dev.llmplatform.gateway.connection.ConnectionGuard;
import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.error.ErrorMapping;
import dev.llmplatform.gateway.http.Echo;
import dev.llmplatform.gateway.http.HttpErrors;
import dev.llmplatform.gateway.openai.AnswerFormat;
import dev.llmplatform.gateway.openai.ChatAnswers;
import dev.llmplatform.gateway.openai.ChatCompletionRequest;
import dev.llmplatform.gateway.openai.ChatFormat;
import dev.llmplatform.gateway.openai.RequestMapping;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * WebSocket chat at {@code /v1/chat/ws}: several answers may run at once on one socket, each named by the client's
 * id; a stop frame cancels that answer and closing the socket cancels all of them. A chat frame is bound and checked
 * exactly as a REST chat completion ({@link ChatCompletionRequest}, {@link RequestMapping}) and its errors are the
 * REST errors ({@link ErrorMapping}) in an error frame. The protocol is documented in gateway/README.md; shutdown is
 * {@link SocketDrain}'s.
 */
@WebSocket(path = "/v1/chat/ws")
public class ChatSocket {

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);
    static final int MAX_ANSWERS_PER_SOCKET = 8;
    private static final int MAX_ID_CHARS = 128;
    /** The frame's own fields; the rest of a chat frame is a chat completion request. */
    private static final List<String> FRAME_FIELDS = List.of("type", "id");
    private static final int MESSAGE_TOO_BIG = 1009;
    private static final CloseReason UNSUPPORTED_DATA = new CloseReason(1003,
            "Binary frames are not supported; send JSON text frames");

    private final InferenceBackend backend;
    private final ObjectMapper mapper;
    private final OpenConnections connections;
    private final ConnectionGuard guard;
    private final Vertx vertx;
    private final IdleSockets idle;
    private final RunningAnswers answers;
    private final SocketDrain drain;

    ChatSocket(InferenceBackend backend, ObjectMapper mapper, OpenConnections connections, ConnectionGuard guard,
            Vertx vertx, IdleSockets idle, RunningAnswers answers, SocketDrain drain) {
        this.backend = backend;
        this.mapper = mapper;
        this.connections = connections;
        this.guard = guard;
        this.vertx = vertx;
        this.idle = idle;
        this.answers = answers;
        this.drain = drain;
    }

    /** Starts the sweep that closes idle sockets ({@link IdleSockets}). */
    void startSweep(@Observes StartupEvent event) {
        vertx.setPeriodic(idle.sweepMillis(), id -> idle.closeIdle(connections, c -> answers.count(c) > 0));
    }

    /**
     * A socket opened: its connection leaves the HTTP deadlines ({@link ConnectionGuard}) and its idle time starts;
     * one opened while the gateway shuts down is closed at once.
     */
    @OnOpen
    @NonBlocking
    public void onOpen(WebSocketConnection connection) {
        guard.upgraded(connection.handshakeRequest().remoteAddress());
        idle.active(connection);
        if (drain.draining()) {
            SocketDrain.goAway(connection);
        }
    }

    /**
     * One frame from the client, handled on the connection's event loop ({@code @NonBlocking}: parsing and routing
     * never block, and a void method would otherwise be dispatched to a worker thread, one hop more per frame).
     */
    @OnTextMessage
    @NonBlocking
    public void onMessage(String message, WebSocketConnection connection) {
        idle.active(connection);
        JsonNode frame;
        try {
            frame = mapper.readTree(message);
        } catch (JsonProcessingException e) {
            send(connection, error(null, ApiException.malformed("The frame is not valid JSON: "
                    + ErrorMapping.of(e).getMessage())));
            return;
        }
        if (frame == null || !frame.isObject()) {
            send(connection, error(null, ApiException.malformed("A frame must be a JSON object")));
            return;
        }
        switch (frame.path("type").asText("")) {
            case "ping" -> send(connection, new WsFrames.Pong());
            case "chat" -> chat(frame, connection);
            case "stop" -> stop(frame.path("id").asText(""), connection);
            default -> send(connection, error(cutOrNull(frame.get("id")), ApiException.invalid("type",
                    "'type' must be chat, stop or ping")));
        }
    }

    /** Binary frames are no part of the protocol: the socket is closed with 1003 (unsupported data). */
    @OnBinaryMessage
    @NonBlocking
    public void onBinary(Buffer message, WebSocketConnection connection) {
        connection.close(UNSUPPORTED_DATA).subscribe().with(ok -> { },
                failure -> LOG.debugf("Close failed: %s", failure.getMessage()));
    }

    /** Closing the socket cancels all its answers. */
    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection connection) {
        idle.closed(connection);
        answers.cancelAll(connection);
    }

    /**
     * A failure outside the handlers above: a message over {@code quarkus.websockets-next.server.max-message-size}
     * closes the socket with 1009 (message too big), as RFC 6455 says; anything else is logged and reported.
     */
    @OnError
    public void onError(Throwable failure, WebSocketConnection connection) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        if (message.contains("max message size") || message.contains("too big")) {
            connection.close(new CloseReason(MESSAGE_TOO_BIG, "Message too big"))
                    .subscribe().with(ok -> { }, e -> LOG.debugf("Close failed: %s", e.getMessage()));
            return;
        }
        LOG.warnf("WebSocket failure: %s", message);
        send(connection, error(null, ApiException.internal("Internal error")));
    }

    private void chat(JsonNode frame, WebSocketConnection connection) {
        String id = frame.get("id") != null && frame.get("id").isTextual() ? frame.get("id").textValue() : null;
        if (id == null || id.isEmpty() || id.length() > MAX_ID_CHARS) {
            send(connection, error(id == null ? null : Echo.cut(id, MAX_ID_CHARS), ApiException.invalid("id",
                    "'id' must be a string of 1 to " + MAX_ID_CHARS + " characters")));
            return;
        }
        if (drain.draining()) {
            sendLast(connection, error(id, ApiException.shuttingDown()));
            return;
        }
        Map<String, RunningAnswers.Running> mine = answers.of(connection);
        if (mine.containsKey(id)) {
            send(connection, error(id, ApiException.invalid("id", "An answer with the id '" + id + "' is running")));
            return;
        }
        if (mine.size() >= MAX_ANSWERS_PER_SOCKET) {
            send(connection, error(id, ApiException.overloaded("At most " + MAX_ANSWERS_PER_SOCKET
                    + " answers may run at once on one socket", 1)));
            return;
        }
        try {
            ObjectNode body = ((ObjectNode) frame).deepCopy();
            body.remove(FRAME_FIELDS);
            RequestMapping.Parsed request = RequestMapping.chat(mapper.treeToValue(body, ChatCompletionRequest.class),
                    "ws-" + id);
            // the chat format's ids and fingerprint never reach a frame: only its text and calls do
            AnswerFormat toolCalls = ChatAnswers.toolCalls(request, new ChatFormat(id, 0,
                    request.generation().model(), "")).orElse(null);
            WsAnswer answer = new WsAnswer(id, payload -> sendFrame(connection, payload), () -> mine.remove(id),
                    toolCalls);
            RunningAnswers.Running placeholder = new RunningAnswers.Running(answer, () -> { });
            mine.put(id, placeholder);
            GenerationHandle handle = backend.generate(request.generation(), answer);
            mine.replace(id, placeholder, new RunningAnswers.Running(answer, handle));
        } catch (JsonProcessingException | RuntimeException e) {
            mine.remove(id);
            send(connection, error(id, ErrorMapping.of(e)));
        }
    }

    private void stop(String id, WebSocketConnection connection) {
        RunningAnswers.Running running = answers.remove(connection, id);
        if (running == null) {
            send(connection, error(Echo.cut(id, MAX_ID_CHARS), ApiException.notFound("answer_not_found", "id",
                    "No running answer has the id '" + Echo.cut(id) + "'")));
            return;
        }
        running.handle().cancel();
        sendLast(connection, running.answer().cancelledFrame());
    }

    /** An answer's frame; its done or error frame may be the socket's last one while draining. */
    private void sendFrame(WebSocketConnection connection, Object frame) {
        if (frame instanceof WsFrames.Done || frame instanceof WsFrames.Error) {
            sendLast(connection, frame);
        } else {
            send(connection, frame);
        }
    }

    /** Sends an answer's last frame, then closes the socket if the gateway is draining and nothing else runs on it. */
    private void sendLast(WebSocketConnection connection, Object frame) {
        if (drain.draining() && answers.count(connection) == 0) {
            write(connection, frame).subscribe().with(ok -> SocketDrain.goAway(connection),
                    failure -> SocketDrain.goAway(connection));
        } else {
            send(connection, frame);
        }
    }

    private void send(WebSocketConnection connection, Object frame) {
        write(connection, frame).subscribe().with(ok -> { },
                failure -> LOG.debugf("WebSocket send failed: %s", failure.getMessage()));
    }

    private Uni<Void> write(WebSocketConnection connection, Object frame) {
        return connection.isOpen() ? connection.sendText(HttpErrors.json(mapper, frame)) : Uni.createFrom().voidItem();
    }

    private static WsFrames.Error error(String id, ApiException e) {
        return new WsFrames.Error(id, e.body().error());
    }

    private static String cutOrNull(JsonNode node) {
        return node != null && node.isTextual() ? Echo.cut(node.textValue(), MAX_ID_CHARS) : null;
    }
}
