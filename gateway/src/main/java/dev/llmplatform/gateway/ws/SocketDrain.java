package dev.llmplatform.gateway.ws;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Moves WebSocket clients to another gateway at shutdown. Sockets work as usual during the shutdown delay (readiness
 * DOWN, while load balancers stop sending new connections here). When the delay is over, every socket without a
 * running answer is closed with 1001 (going away), as is any socket opened later; a socket with running answers takes
 * no new chat and is closed right after its last answer's done or error frame. Each closed socket ends its upgrade
 * request for Quarkus' graceful shutdown ({@link UpgradeRequests}), so the process stops as soon as the last one has
 * closed.
 */
@ApplicationScoped
public class SocketDrain {

    private static final Logger LOG = Logger.getLogger(SocketDrain.class);
    private static final CloseReason GOING_AWAY = new CloseReason(1001, "The gateway is shutting down; reconnect");

    private final OpenConnections connections;
    private final RunningAnswers answers;
    private final Duration shutdownDelay;
    private volatile boolean draining;

    SocketDrain(OpenConnections connections, RunningAnswers answers,
            @ConfigProperty(name = "quarkus.shutdown.delay", defaultValue = "0s") Duration shutdownDelay) {
        this.connections = connections;
        this.answers = answers;
        this.shutdownDelay = shutdownDelay;
    }

    /** The shutdown delay started: sockets start to close when it is over. */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        CompletableFuture.delayedExecutor(shutdownDelay.toMillis(), TimeUnit.MILLISECONDS).execute(this::drain);
    }

    /** Whether sockets are being closed (no new chat, no new socket). */
    boolean draining() {
        return draining;
    }

    /** Idle sockets go now, busy ones after their last answer. */
    void drain() {
        draining = true;
        int idle = 0;
        for (WebSocketConnection connection : connections) {
            if (answers.count(connection) == 0) {
                goAway(connection);
                idle++;
            }
        }
        LOG.infof("shutdown: closed %d idle WebSocket(s); the others close after their last answer", idle);
    }

    /** Closes a socket with 1001. */
    static void goAway(WebSocketConnection connection) {
        if (connection.isOpen()) {
            connection.close(GOING_AWAY).subscribe().with(ok -> { },
                    failure -> LOG.debugf("Close failed: %s", failure.getMessage()));
        }
    }
}
