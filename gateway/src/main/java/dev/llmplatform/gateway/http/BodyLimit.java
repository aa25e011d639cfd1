package dev.llmplatform.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.error.ApiException;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The request body limit ({@code quarkus.http.limits.max-body-size}) answered with a JSON 413 before any route. A
 * request whose Content-Length is over the limit is answered at once, before its body is read, so a client that reads
 * while it sends sees the 413 immediately; the body is then drained without being stored (up to 1 GiB, after which
 * the connection is closed), so clients that send the whole body before reading (most HTTP libraries) see the 413 too
 * instead of a reset connection. Memory stays flat. A chunked body (no Content-Length) is held to the same limit by
 * Quarkus REST while it reads it, which answers an empty 413 and closes the connection.
 */
@ApplicationScoped
public class BodyLimit {

    /** Order of the filter: before every other route. */
    public static final int ORDER = -200;
    private static final long MAX_DRAIN = 1024L * 1024 * 1024;

    private final long limit;
    private final ObjectMapper mapper;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper mapper) {
        this.limit = limit.asLongValue();
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::filter);
    }

    private void filter(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared <= limit) {
            context.next();
            return;
        }
        long size = declared;
        if ("100-continue".equalsIgnoreCase(context.request().getHeader("Expect"))) {
            HttpErrors.write(context.response().putHeader("Connection", "close"), mapper, tooLarge(size));
            return;
        }
        HttpErrors.write(context.response(), mapper, tooLarge(size));
        drain(context.request());
    }

    private static void drain(HttpServerRequest request) {
        long[] seen = {0};
        request.handler(chunk -> {
            seen[0] += chunk.length();
            if (seen[0] > MAX_DRAIN) {
                request.connection().close();
            }
        });
        request.exceptionHandler(ignored -> { });
        request.resume();
    }

    private ApiException tooLarge(long size) {
        return new ApiException(413, "invalid_request_error", "request_too_large", null,
                "The request body has " + size + " bytes; the limit is " + limit + " bytes", null);
    }
}
