package dev.llmplatform.gateway.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.stream.Collectors;

/**
 * Browser hardening on every response: {@code X-Content-Type-Options: nosniff}, frame protection
 * ({@code X-Frame-Options: DENY} and CSP {@code frame-ancestors 'none'}) and a Content-Security-Policy. The web UI
 * and the API load nothing but the gateway's own files ({@code 'self'}, no inline script or style); WebSockets go to
 * 'self' and to the allowed origins (IPv6 literals cannot be CSP sources). Swagger UI, a third-party page with
 * inline script and style, gets those two.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** Before every other handler, so refusals carry the headers too. */
    public static final int ORDER = -500;
    private static final String SWAGGER_UI = "/q/swagger-ui";

    private final String policy;
    private final String swaggerPolicy;

    SecurityHeaders(OriginPolicy origins) {
        // CSP host sources cannot be IPv6 literals; 'self' covers a page's own WebSocket in current browsers
        String sockets = origins.origins().stream().filter(o -> !o.contains("["))
                .map(o -> o.replaceFirst("^http", "ws")).collect(Collectors.joining(" "));
        this.policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self' " + sockets + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        this.swaggerPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
                + " img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::add);
    }

    /** The Content-Security-Policy of the web UI and the API. */
    public String policy() {
        return policy;
    }

    private void add(RoutingContext context) {
        boolean swagger = context.request().path() != null && context.request().path().startsWith(SWAGGER_UI);
        context.response()
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Content-Security-Policy", swagger ? swaggerPolicy : policy);
        context.next();
    }
}
