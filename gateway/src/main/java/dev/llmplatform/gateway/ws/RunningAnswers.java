package dev.llmplatform.gateway.ws;

import dev.llmplatform.gateway.backend.GenerationHandle;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The answers running on each WebSocket, by the client's id. */
@ApplicationScoped
public class RunningAnswers {

    /** A running answer and the handle that cancels it. */
    record Running(WsAnswer answer, GenerationHandle handle) {
    }

    private final Map<String, Map<String, Running>> byConnection = new ConcurrentHashMap<>();

    /** The answers of a connection (created empty on first use). */
    Map<String, Running> of(WebSocketConnection connection) {
        return byConnection.computeIfAbsent(connection.id(), k -> new ConcurrentHashMap<>());
    }

    /** How many answers run on the connection. */
    int count(WebSocketConnection connection) {
        Map<String, Running> mine = byConnection.get(connection.id());
        return mine == null ? 0 : mine.size();
    }

    /** Removes one answer, or null when none runs under that id. */
    Running remove(WebSocketConnection connection, String id) {
        Map<String, Running> mine = byConnection.get(connection.id());
        return mine == null ? null : mine.remove(id);
    }

    /** The connection closed: cancels all its answers. */
    void cancelAll(WebSocketConnection connection) {
        Map<String, Running> running = byConnection.remove(connection.id());
        if (running != null) {
            running.values().forEach(r -> r.handle().cancel());
        }
    }
}
