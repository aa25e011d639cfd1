package dev.llmplatform.gateway.ws;

import dev.llmplatform.gateway.config.GatewayConfig;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * When each WebSocket last received a frame, and the closing (1000) of those idle for {@code gateway.ws.idle-timeout}
 * with no running answer, so thousands of opened-and-forgotten sockets do not stay forever (server pings keep the TCP
 * connection busy, so no transport timeout ever fires). The web UI reconnects when it next sends.
 */
@ApplicationScoped
public class IdleSockets {

    private static final Logger LOG = Logger.getLogger(IdleSockets.class);
    private static final CloseReason IDLE = new CloseReason(1000, "Idle; reconnect when needed");

    private final long idleNanos;
    private final Map<String, Long> lastFrame = new ConcurrentHashMap<>();

    IdleSockets(GatewayConfig config) {
        this.idleNanos = config.ws().idleTimeout().toNanos();
    }

    /** How often {@link #closeIdle} should run: a quarter of the timeout, between 0.2 and 30 s. */
    long sweepMillis() {
        return Math.max(200, Math.min(30_000, TimeUnit.NANOSECONDS.toMillis(idleNanos) / 4));
    }

    /** The socket opened or received a frame. */
    void active(WebSocketConnection connection) {
        lastFrame.put(connection.id(), System.nanoTime());
    }

    /** The socket closed. */
    void closed(WebSocketConnection connection) {
        lastFrame.remove(connection.id());
    }

    /** Closes every open socket that is idle and not {@code busy}. */
    void closeIdle(Iterable<WebSocketConnection> open, Predicate<WebSocketConnection> busy) {
        long now = System.nanoTime();
        for (WebSocketConnection connection : open) {
            Long last = lastFrame.get(connection.id());
            if (last != null && now - last > idleNanos && connection.isOpen() && !busy.test(connection)) {
                connection.close(IDLE).subscribe().with(ok -> { },
                        failure -> LOG.debugf("Close failed: %s", failure.getMessage()));
            }
        }
    }
}
