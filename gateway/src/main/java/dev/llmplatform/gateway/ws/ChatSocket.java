package dev.llmplatform.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.http.HttpErrors;
import dev.llmplatform.gateway.inference.GenerationHandle;
import dev.llmplatform.gateway.inference.InferenceRouter;
import dev.llmplatform.gateway.openai.ChatRequest;
import dev.llmplatform.gateway.openai.RequestParser;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * WebSocket chat at {@code /v1/chat/ws}: several answers may run at once on one socket, each named by the client's
 * id; a stop frame cancels that answer's gRPC call and closing the socket cancels all of them. The protocol is
 * documented in gateway/README.md.
 */
@WebSocket(path = "/v1/chat/ws")
public class ChatSocket {

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);
    static final int MAX_ANSWERS_PER_SOCKET = 8;
    private static final int MAX_ID_CHARS = 128;
    private static final int MESSAGE_TOO_BIG = 1009;

    private final RequestParser parser;
    private final InferenceRouter router;
    private final ObjectMapper mapper;
    private final Map<String, Map<String, Running>> answers = new ConcurrentHashMap<>();

    ChatSocket(RequestParser parser, InferenceRouter router, ObjectMapper mapper) {
        this.parser = parser;
        this.router = router;
        this.mapper = mapper;
    }

    /**
     * One frame from the client, handled on the connection's event loop ({@code @NonBlocking}: parsing and routing
     * never block, and a void method would otherwise be dispatched to a worker thread, one hop more per frame).
     */
    @OnTextMessage
    @NonBlocking
    public void onMessage(String message, WebSocketConnection connection) {
        JsonNode frame;
        try {
            frame = mapper.readTree(message);
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
            default -> send(connection, error(textOrNull(frame.get("id")), ApiException.invalid("type",
                    "'type' must be chat, stop or ping")));
        }
    }

    /** Closing the socket cancels all its answers. */
    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection connection) {
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
            send(connection, error(id, ApiException.invalid("id", "'id' must be a string of 1 to "
                    + MAX_ID_CHARS + " characters")));
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
            WsAnswer answer = new WsAnswer(id, payload -> send(connection, payload), () -> mine.remove(id));
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
            send(connection, error(id, ApiException.notFound("answer_not_found", "id",
                    "No running answer has the id '" + id + "'")));
            return;
        }
        running.handle().cancel();
        send(connection, running.answer().cancelledFrame());
    }

    private void send(WebSocketConnection connection, Object frame) {
        if (connection.isOpen()) {
            connection.sendText(HttpErrors.json(mapper, frame)).subscribe().with(ok -> { },
                    failure -> LOG.debugf("WebSocket send failed: %s", failure.getMessage()));
        }
    }

    private static WsFrames.Error error(String id, ApiException e) {
        return new WsFrames.Error(id, e.body().error());
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** A running answer and the handle that cancels it. */
    private record Running(WsAnswer answer, GenerationHandle handle) {
    }
}
