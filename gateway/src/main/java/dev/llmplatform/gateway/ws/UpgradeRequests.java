package dev.llmplatform.gateway.ws;

import dev.llmplatform.gateway.connection.RequestAccounting;
import dev.llmplatform.gateway.http.ApiKeyFilter;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A WebSocket's upgrade request stays in flight for Quarkus' graceful shutdown while the socket is open and ends when
 * its connection closes ({@link RequestAccounting}): shutdown then waits exactly as long as sockets are open, and the
 * socket drain decides when that is (idle sockets at once, busy ones after their last answer; gateway/README.md,
 * "WebSocket"), instead of the whole {@code quarkus.shutdown.timeout} after any WebSocket.
 */
@ApplicationScoped
public class UpgradeRequests {

    /** After the key check, before the WebSocket endpoint's route. */
    public static final int ORDER = -250;

    private final RequestAccounting accounting;

    UpgradeRequests(RequestAccounting accounting) {
        this.accounting = accounting;
    }

    void register(@Observes Router router) {
        router.route(ApiKeyFilter.WEBSOCKET_PATH).order(ORDER).handler(this::track);
    }

    private void track(RoutingContext context) {
        if ("websocket".equalsIgnoreCase(context.request().getHeader("Upgrade"))) {
            accounting.endWhenClosed(context.request());
        }
        context.next();
    }
}
