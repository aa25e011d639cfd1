package dev.llmplatform.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.connection.ConnectionGuard;
import dev.llmplatform.gateway.connection.RequestAccounting;
import dev.llmplatform.gateway.error.ApiException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Refuses request framing that two HTTP parsers could read differently (request smuggling): a
 * {@code Transfer-Encoding} other than exactly {@code chunked} (Netty treats {@code xchunked} or
 * {@code identity} as no body at all, so the body would be parsed as the next request), two
 * {@code Transfer-Encoding} headers, more than one {@code Content-Length}. The JSON 400 is written straight to the
 * socket by the {@link ConnectionGuard} and the connection closed, so nothing Vert.x already parsed after the head is
 * ever served; the request ends for the graceful shutdown when that connection closes. (Netty refuses the rest
 * before this runs, with an empty 400: {@code Transfer-Encoding} with
 * {@code Content-Length}, on HTTP/1.0, or with {@code chunked} not last; conflicting or malformed
 * {@code Content-Length}.)
 */
@ApplicationScoped
public class FramingFilter {

    /** After the security headers, before everything else. */
    public static final int ORDER = -450;

    private final ObjectMapper mapper;
    private final ConnectionGuard guard;
    private final RequestAccounting accounting;

    FramingFilter(ObjectMapper mapper, ConnectionGuard guard, RequestAccounting accounting) {
        this.mapper = mapper;
        this.guard = guard;
        this.accounting = accounting;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::filter);
    }

    private void filter(RoutingContext context) {
        HttpServerRequest request = context.request();
        List<String> encodings = request.headers().getAll("Transfer-Encoding");
        String problem = null;
        if (!encodings.isEmpty()) {
            if (request.version() == HttpVersion.HTTP_1_0) {
                problem = "Transfer-Encoding is not allowed on HTTP/1.0";
            } else if (encodings.size() != 1 || !"chunked".equalsIgnoreCase(encodings.get(0).strip())) {
                problem = "the only Transfer-Encoding accepted is 'chunked'";
            } else if (request.headers().contains("Content-Length")) {
                problem = "a request must not have both Transfer-Encoding and Content-Length";
            }
        } else if (request.headers().getAll("Content-Length").size() > 1) {
            problem = "a request must have at most one Content-Length";
        }
        if (problem == null) {
            context.next();
            return;
        }
        ApiException error = new ApiException(400, "invalid_request_error", "invalid_framing", null,
                "Refused: " + problem, null);
        accounting.endWhenClosed(request); // Vert.x does not report its end when the connection closes
        SocketAddress remote = request.connection().remoteAddress();
        boolean answered = remote != null && guard.answerAndClose(ConnectionGuard.key(remote.hostAddress(),
                remote.port()), 400, "Bad Request", HttpErrors.json(mapper, error.body()));
        if (!answered) {
            HttpErrors.writeAndClose(request, mapper, error);
        }
    }
}
