package dev.llmplatform.gateway.http;

import dev.llmplatform.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
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
 * The accepted API keys: {@code GATEWAY_API_KEYS} (a comma list) and/or the file {@code GATEWAY_API_KEYS_FILE} (one
 * key per line, {@code #} comments). None configured means no authentication. {@link ApiKeyFilter} applies them.
 */
@ApplicationScoped
public class ApiKeys {

    private final Set<String> keys = new HashSet<>();

    ApiKeys(GatewayConfig config) {
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
}
