package dev.llmplatform.gateway.http;

import java.util.List;
import java.util.Set;

/**
 * The paths anyone may read when API keys are configured: health, metrics, OpenAPI and Swagger UI, and the web
 * UI's static files. Every other path needs a key (default deny), so a route added later is protected until it is
 * listed here. Matched exactly on the canonical path ({@link CanonicalPath}), never on a decoded or normalised one.
 */
public final class PublicPaths {

    /** The web UI's files under {@code META-INF/resources/}. */
    static final Set<String> WEB_UI = Set.of("/", "/index.html", "/playground.html", "/chat.js", "/common.js",
            "/playground.js", "/style.css");
    private static final Set<String> EXACT = Set.of("/q/health", "/q/metrics", "/q/openapi", "/q/swagger-ui");
    private static final List<String> PREFIXES = List.of("/q/health/", "/q/swagger-ui/");

    private PublicPaths() {
    }

    /** Whether a canonical path is open without a key. */
    public static boolean isPublic(String canonicalPath) {
        return WEB_UI.contains(canonicalPath) || EXACT.contains(canonicalPath)
                || PREFIXES.stream().anyMatch(canonicalPath::startsWith);
    }
}
