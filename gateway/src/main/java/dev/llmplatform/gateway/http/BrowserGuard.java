package dev.llmplatform.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.error.ApiException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * CORS and DNS-rebinding protection for every path, on the {@link OriginPolicy}: a request with an Origin that is
 * not allowed is refused with 403 (the WebSocket handshake included); an allowed one gets
 * {@code Access-Control-Allow-Origin}, and its preflight is answered here. A browser request without Origin (it
 * sends {@code Sec-Fetch-Site}: a navigation or a same-origin GET) is refused when its Host names no allowed origin's
 * host, so a page served under a rebound name cannot read the API either. Clients that are no browser send neither
 * header and are not affected.
 */
@ApplicationScoped
public class BrowserGuard {

    /** After the path check, before the key check (a preflight carries no key). */
    public static final int ORDER = -350;
    private static final int MAX_ECHO = 100;

    private final OriginPolicy policy;
    private final ObjectMapper mapper;

    BrowserGuard(OriginPolicy policy, ObjectMapper mapper) {
        this.policy = policy;
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::filter);
    }

    private void filter(RoutingContext context) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        String origin = request.getHeader("Origin");
        if (origin == null) {
            if (request.getHeader("Sec-Fetch-Site") != null && !policy.allowsHostHeader(request.getHeader("Host"))) {
                refuse(context, "This gateway does not serve browser pages under the host '"
                        + Echo.cut(request.getHeader("Host"), MAX_ECHO)
                        + "'; add its origin to GATEWAY_ALLOWED_ORIGINS");
                return;
            }
            context.next();
            return;
        }
        if (!policy.allows(origin)) {
            refuse(context, "The origin '" + Echo.cut(origin, MAX_ECHO) + "' is not allowed; add it to"
                    + " GATEWAY_ALLOWED_ORIGINS");
            return;
        }
        response.putHeader("Access-Control-Allow-Origin", origin).putHeader("Vary", "Origin");
        if (request.method() == HttpMethod.OPTIONS && request.getHeader("Access-Control-Request-Method") != null) {
            response.setStatusCode(204)
                    .putHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                    .putHeader("Access-Control-Allow-Headers", "Content-Type, Authorization")
                    .putHeader("Access-Control-Max-Age", "600")
                    .end();
            return;
        }
        context.next();
    }

    private void refuse(RoutingContext context, String message) {
        HttpErrors.write(context.response(), mapper,
                new ApiException(403, "invalid_request_error", "origin_not_allowed", null, message, null));
    }
}
