package dev.llmplatform.gateway.ws;

import dev.llmplatform.gateway.http.OriginPolicy;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refuses a WebSocket handshake (403) whose Origin is not an allowed origin ({@link OriginPolicy}: configuration
 * only, never the Host header). A handshake without Origin (a client that is no browser) is allowed.
 * {@link dev.llmplatform.gateway.http.BrowserGuard} refuses such handshakes before any route already; this check keeps
 * the rule on the endpoint itself.
 */
@ApplicationScoped
public class OriginCheck implements HttpUpgradeCheck {

    private final OriginPolicy policy;

    OriginCheck(OriginPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return permitted(context.httpRequest().getHeader("Origin")) ? CheckResult.permitUpgrade()
                : CheckResult.rejectUpgrade(403);
    }

    /** Whether a handshake with this Origin (may be null) is allowed. */
    public boolean permitted(String origin) {
        return origin == null || policy.allows(origin);
    }
}
