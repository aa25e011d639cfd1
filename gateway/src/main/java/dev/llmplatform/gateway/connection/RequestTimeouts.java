package dev.llmplatform.gateway.connection;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.config.GatewayConfig;
import dev.llmplatform.gateway.error.ApiException;
import dev.llmplatform.gateway.http.HttpErrors;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The request-level half of the connection limits: tells the {@link ConnectionGuard} when a request starts and when
 * its response ends (the connection's head and keep-alive deadlines pause meanwhile), and gives every request with a
 * body {@code gateway.http.body-timeout} to deliver all of it: a body still incomplete then (one trickling a byte a
 * second) is answered 408 and its connection closed. Runs first, for every request.
 */
@ApplicationScoped
public class RequestTimeouts {

    /** Before every other handler. */
    public static final int ORDER = -600;

    private final ConnectionGuard guard;
    private final Vertx vertx;
    private final ObjectMapper mapper;
    private final long bodyTimeoutMillis;

    RequestTimeouts(ConnectionGuard guard, Vertx vertx, ObjectMapper mapper, GatewayConfig config) {
        this.guard = guard;
        this.vertx = vertx;
        this.mapper = mapper;
        this.bodyTimeoutMillis = config.http().bodyTimeout().toMillis();
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::watch);
    }

    private void watch(RoutingContext context) {
        HttpServerRequest request = context.request();
        SocketAddress remote = request.connection().remoteAddress();
        String key = remote == null ? null : ConnectionGuard.key(remote.hostAddress(), remote.port());
        if (key != null) {
            guard.requestStarted(key, request.version() == HttpVersion.HTTP_2);
            context.addEndHandler(done -> guard.requestEnded(key));
        }
        boolean upgrade = "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
        if (!upgrade && !request.isEnded() && bodyTimeoutMillis > 0) {
            long timer = vertx.setTimer(bodyTimeoutMillis, id -> {
                if (!request.isEnded()) {
                    HttpErrors.writeAndClose(request, mapper, new ApiException(408, "invalid_request_error",
                            "request_timeout", null, "The request body was not complete within "
                            + bodyTimeoutMillis / 1000 + " s", null));
                }
            });
            context.addEndHandler(done -> vertx.cancelTimer(timer));
        }
        context.next();
    }
}
