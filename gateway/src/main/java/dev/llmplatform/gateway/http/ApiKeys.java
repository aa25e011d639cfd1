package dev.llmplatform.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmplatform.gateway.config.GatewayConfig;
import dev.llmplatform.gateway.error.ApiException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Optional API keys for everything under {@code /v1/}: when keys are configured ({@code GATEWAY_API_KEYS} and/or
 * the file {@code GATEWAY_API_KEYS_FILE}), a request needs {@code Authorization: Bearer <key>}; the WebSocket
 * handshake may pass the key as the {@code api_key} query parameter instead, as browsers cannot set headers there.
 * Health, metrics, OpenAPI and the web UI stay open. Without keys nothing is checked.
 */
@ApplicationScoped
public class ApiKeys {

    private final Set<String> keys = new HashSet<>();
    private final ObjectMapper mapper;

    ApiKeys(GatewayConfig config, ObjectMapper mapper) {
        this.mapper = mapper;
        config.apiKeys().orElse(List.of()).stream().map(String::strip).filter(k -> !k.isEmpty()).forEach(keys::add);
        config.apiKeysFile().filter(f -> !f.isBlank()).ifPresent(file -> {
            try {
                Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream().map(String::strip)
                        .filter(k -> !k.isEmpty() && !k.startsWith("#")).forEach(keys::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the API keys file named by gateway.api-keys-file", e);
            }
        });
    }

    void register(@Observes Router router) {
        router.route("/v1/*").order(BodyLimit.ORDER + 1).handler(this::filter);
    }

    /** Whether keys are configured. */
    public boolean enabled() {
        return !keys.isEmpty();
    }

    /** Whether the presented key is one of the configured ones (constant-time comparison). */
    public boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (String key : keys) {
            match |= MessageDigest.isEqual(given, key.getBytes(StandardCharsets.UTF_8));
        }
        return match;
    }

    private void filter(RoutingContext context) {
        if (!enabled() || "OPTIONS".equals(context.request().method().name())) {
            context.next();
            return;
        }
        String header = context.request().getHeader("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip() : context.request().getParam("api_key");
        if (accepts(presented)) {
            context.next();
        } else {
            HttpErrors.write(context.response(), mapper, new ApiException(401, "invalid_request_error",
                    "invalid_api_key", null, "Missing or invalid API key; send Authorization: Bearer <key>", null));
        }
    }
}
