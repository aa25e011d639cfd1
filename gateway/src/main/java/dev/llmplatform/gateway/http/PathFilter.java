package dev.llmplatform.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.error.ApiException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses every request whose raw path is not canonical ({@link CanonicalPath}) with a JSON 400, before
 * authentication and before any route: the key decision and the router then always read the same path.
 */
@ApplicationScoped
public class PathFilter {

    /** Runs before the origin check, the key check and every route. */
    public static final int ORDER = -400;

    private final ObjectMapper mapper;

    PathFilter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::filter);
    }

    private void filter(RoutingContext context) {
        CanonicalPath.problem(context.request().path()).ifPresentOrElse(
                problem -> HttpErrors.writeAndClose(context.request(), mapper, new ApiException(400,
                        "invalid_request_error", "invalid_path", null,
                        "Refused: " + problem + "; send the plain path, e.g. /v1/models", null)),
                context::next);
    }
}
