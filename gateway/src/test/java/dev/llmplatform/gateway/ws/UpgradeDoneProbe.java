package dev.llmplatform.gateway.ws;

import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test hook: records, by the client's port, when a WebSocket upgrade request is done for Quarkus' graceful-shutdown
 * filter (it counts a request in flight until exactly these done handlers run).
 */
@ApplicationScoped
public class UpgradeDoneProbe {

    private final Map<Integer, Boolean> done = new ConcurrentHashMap<>();

    void register(@Observes Router router) {
        router.route("/v1/chat/ws").order(UpgradeRequests.ORDER - 1).handler(context -> {
            SocketAddress remote = context.request().connection().remoteAddress();
            if ("websocket".equalsIgnoreCase(context.request().getHeader("Upgrade")) && remote != null) {
                done.put(remote.port(), false);
                QuarkusRequestWrapper.get(context.request()).addRequestDoneHandler(v -> done.put(remote.port(), true));
            }
            context.next();
        });
    }

    /** Whether the upgrade request from that client port was seen. */
    public boolean seen(int port) {
        return done.containsKey(port);
    }

    /** Whether the upgrade request from that client port is done. */
    public boolean done(int port) {
        return done.getOrDefault(port, false);
    }
}
