package dev.llmplatform.gateway.ws;

import dev.llmplatform.gateway.config.GatewayConfig;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Refuses a WebSocket handshake (403) whose Origin is neither the gateway's own host nor listed in
 * {@code gateway.ws.allowed-origins}. A handshake without Origin (a non-browser client) is allowed.
 */
@ApplicationScoped
public class OriginCheck implements HttpUpgradeCheck {

    private final List<String> allowed;

    OriginCheck(GatewayConfig config) {
        this.allowed = config.ws().allowedOrigins().orElse(List.of()).stream()
                .map(o -> o.strip().toLowerCase(Locale.ROOT)).filter(o -> !o.isEmpty()).toList();
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String origin = context.httpRequest().getHeader("Origin");
        String host = context.httpRequest().getHeader("Host");
        return permitted(origin, host) ? CheckResult.permitUpgrade() : CheckResult.rejectUpgrade(403);
    }

    /** Whether a handshake with this Origin (may be null) to this Host header is allowed. */
    public boolean permitted(String origin, String host) {
        if (origin == null) {
            return true;
        }
        String normalized = origin.strip().toLowerCase(Locale.ROOT);
        if (allowed.contains("*") || allowed.contains(normalized)) {
            return true;
        }
        try {
            URI uri = URI.create(normalized);
            String authority = uri.getRawAuthority();
            return authority != null && host != null && authority.equals(host.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
