package dev.llmplatform.gateway.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.connection.ConnectionGuard;
import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.error.JsonErrors;
import dev.llmplatform.gateway.http.Echo;
import dev.llmplatform.gateway.http.HttpErrors;
import dev.llmplatform.gateway.inference.GenerationHandle;
import dev.llmplatform.gateway.inference.InferenceRouter;
import dev.llmplatform.gateway.openai.ChatRequest;
import dev.llmplatform.gateway.openai.RequestParser;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
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
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * WebSocket chat at {@code /v1/chat/ws}: several answers may run at once on one socket, each named by the client's
 * id; a stop frame cancels that answer's gRPC call and closing the socket cancels all of them. The protocol is
 * documented in gateway/README.md.
 *
 * <p>At shutdown, clients move to another gateway: sockets work as usual during the shutdown delay (readiness DOWN,
 * while load balancers stop sending new connections here), as HTTP requests do. When the delay is over, every socket
 * without a running answer is closed with 1001 (going away), as is any socket opened later; a socket with running
 * answers takes no new chat (an error frame says to reconnect) and is closed right after its last answer's done or
 * error frame. Each closed socket ends its upgrade request for Quarkus' graceful shutdown ({@link UpgradeRequests}),
 * so the process stops as soon as the last one has closed.
 */
@WebSocket(path = "/v1/chat/ws")
public class ChatSocket {

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);
    static final int MAX_ANSWERS_PER_SOCKET = 8;
    private static final int MAX_ID_CHARS = 128;
    private static final int MESSAGE_TOO_BIG = 1009;
    private static final CloseReason UNSUPPORTED_DATA = new CloseReason(1003,
            "Binary frames are not supported; send JSON text frames");
    private static final CloseReason GOING_AWAY = new CloseReason(1001, "The gateway is shutting down; reconnect");

    private final RequestParser parser;
    private final InferenceRouter router;
    private final ObjectMapper mapper;
    private final OpenConnections connections;
    private final Duration shutdownDelay;
    private final ConnectionGuard guard;
    private final Vertx vertx;
    private final IdleSockets idle;
    private final Map<String, Map<String, Running>> answers = new ConcurrentHashMap<>();
    private volatile boolean draining;

    ChatSocket(RequestParser parser, InferenceRouter router, ObjectMapper mapper, OpenConnections connections,
               ConnectionGuard guard, Vertx vertx, IdleSockets idle,
               @ConfigProperty(name = "quarkus.shutdown.delay", defaultValue = "0s") Duration shutdownDelay) {
        this.parser = parser;
        this.router = router;
        this.mapper = mapper;
        this.connections = connections;
        this.guard = guard;
        this.vertx = vertx;
        this.idle = idle;
        this.shutdownDelay = shutdownDelay;
    }

    /** Starts the sweep that closes idle sockets ({@link IdleSockets}). */
    void startSweep(@Observes StartupEvent event) {
        vertx.setPeriodic(idle.sweepMillis(), id -> idle.closeIdle(connections, c -> running(c) > 0));
    }

    /** The shutdown delay started: sockets start to close when it is over. */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        CompletableFuture.delayedExecutor(shutdownDelay.toMillis(), TimeUnit.MILLISECONDS).execute(this::drain);
    }

    /** Idle sockets go now, busy ones after their last answer. */
    void drain() {
        draining = true;
        int idle = 0;
        for (WebSocketConnection connection : connections) {
            if (running(connection) == 0) {
                goAway(connection);
                idle++;
            }
        }
        LOG.infof("shutdown: closed %d idle WebSocket(s); the others close after their last answer", idle);
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
        if (draining) {
            goAway(connection);
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
                    + JsonErrors.describe(e))));
            return;
        } catch (IOException e) {
            send(connection, error(null, ApiException.malformed("The frame is not valid JSON")));
            return;
        }
        if (frame == null || !frame.isObject()) {
            send(connection, error(null, ApiException.malformed("A frame must be a JSON object")));
            return;
        }
        String type = frame.path("type").asText("");
        switch (type) {
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
        Map<String, Running> running = answers.remove(connection.id());
        if (running != null) {
            running.values().forEach(r -> r.handle().cancel());
        }
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
        String id = textOrNull(frame.get("id"));
        if (id == null || id.isEmpty() || id.length() > MAX_ID_CHARS) {
            send(connection, error(id == null ? null : Echo.cut(id, MAX_ID_CHARS), ApiException.invalid("id",
                    "'id' must be a string of 1 to " + MAX_ID_CHARS + " characters")));
            return;
        }
        if (draining) {
            sendLast(connection, error(id, ApiException.shuttingDown()));
            return;
        }
        Map<String, Running> mine = answers.computeIfAbsent(connection.id(), k -> new ConcurrentHashMap<>());
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
            ChatRequest request = parser.chat(frame);
            WsAnswer answer = new WsAnswer(id, payload -> sendFrame(connection, payload), () -> mine.remove(id));
            Running placeholder = new Running(answer, () -> { });
            mine.put(id, placeholder);
            GenerationHandle handle = router.start(request.model(), request.toGenerateRequest("ws-" + id), answer);
            mine.replace(id, placeholder, new Running(answer, handle));
        } catch (ApiException e) {
            mine.remove(id);
            send(connection, error(id, e));
        } catch (RuntimeException e) {
            mine.remove(id);
            LOG.error("Unexpected failure in a WebSocket chat", e);
            send(connection, error(id, ApiException.internal("Internal error")));
        }
    }

    private void stop(String id, WebSocketConnection connection) {
        Map<String, Running> mine = answers.get(connection.id());
        Running running = mine == null ? null : mine.remove(id);
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
        if (draining && running(connection) == 0) {
            write(connection, frame).subscribe().with(ok -> goAway(connection), failure -> goAway(connection));
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

    private int running(WebSocketConnection connection) {
        Map<String, Running> mine = answers.get(connection.id());
        return mine == null ? 0 : mine.size();
    }

    private static void goAway(WebSocketConnection connection) {
        if (connection.isOpen()) {
            connection.close(GOING_AWAY).subscribe().with(ok -> { },
                    failure -> LOG.debugf("Close failed: %s", failure.getMessage()));
        }
    }

    private static WsFrames.Error error(String id, ApiException e) {
        return new WsFrames.Error(id, e.body().error());
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static String cutOrNull(JsonNode node) {
        String text = textOrNull(node);
        return text == null ? null : Echo.cut(text, MAX_ID_CHARS);
    }

    /** A running answer and the handle that cancels it. */
    private record Running(WsAnswer answer, GenerationHandle handle) {
    }
}
