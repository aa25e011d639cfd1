package dev.llmplatform.gateway.ws;

import dev.llmplatform.gateway.connection.ConnectionGuard;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Caps on open WebSockets: a handshake beyond {@code gateway.ws.max-per-client} sockets from one client address is
 * refused with 429, beyond {@code gateway.ws.max-total} in all with 503. The {@link ConnectionGuard} counts the
 * connection as a socket until it closes.
 */
@ApplicationScoped
public class WebSocketLimits implements HttpUpgradeCheck {

    private final ConnectionGuard guard;

    WebSocketLimits(ConnectionGuard guard) {
        this.guard = guard;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        SocketAddress remote = context.httpRequest().remoteAddress();
        if (remote == null) {
            return CheckResult.permitUpgrade();
        }
        return switch (guard.claimWebSocket(ConnectionGuard.key(remote.hostAddress(), remote.port()))) {
            case GRANTED -> CheckResult.permitUpgrade();
            case CLIENT_FULL -> CheckResult.rejectUpgrade(429);
            case TOTAL_FULL -> CheckResult.rejectUpgrade(503);
        };
    }
}
