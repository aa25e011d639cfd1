package dev.llmplatform.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.error.ApiException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Default-deny authentication when API keys are configured: every request needs {@code Authorization: Bearer <key>}
 * except those to a {@link PublicPaths public path}. It runs on every path, after {@link PathFilter} has refused
 * non-canonical spellings, so it decides on the very path the router will match. A key in the query string
 * ({@code api_key}) ends up in access logs and browser history: it is accepted only on the WebSocket handshake
 * ({@value #WEBSOCKET_PATH}), where browsers cannot send headers, and refused with 401 everywhere else.
 */
@ApplicationScoped
public class ApiKeyFilter {

    /** After the path and origin checks, before the body limit and every route. */
    public static final int ORDER = -300;
    /** The WebSocket endpoint, the one place a key may come as {@code ?api_key=}. */
    public static final String WEBSOCKET_PATH = "/v1/chat/ws";
    private static final String QUERY_KEY = "api_key";

    private final ApiKeys keys;
    private final ObjectMapper mapper;

    ApiKeyFilter(ApiKeys keys, ObjectMapper mapper) {
        this.keys = keys;
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::filter);
    }

    private void filter(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!keys.enabled() || PublicPaths.isPublic(request.path())) {
            context.next();
            return;
        }
        boolean handshake = WEBSOCKET_PATH.equals(request.path())
                && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
        String queryKey = request.getParam(QUERY_KEY);
        if (queryKey != null && !handshake) {
            refuse(context, "An API key in the URL is refused (URLs end up in logs); send Authorization: Bearer <key>");
            return;
        }
        String header = request.getHeader("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip() : queryKey;
        if (keys.accepts(presented)) {
            context.next();
        } else {
            refuse(context, "Missing or invalid API key; send Authorization: Bearer <key>");
        }
    }

    private void refuse(RoutingContext context, String message) {
        HttpErrors.write(context.response().putHeader("WWW-Authenticate", "Bearer"), mapper,
                new ApiException(401, "invalid_request_error", "invalid_api_key", null, message, null));
    }
}
