package dev.llmplatform.gateway.http;

import java.util.List;
import java.util.Set;

/**
 * The paths anyone may read when API keys are configured: health, metrics, OpenAPI and Swagger UI, and the web
 * UI's static files. Every other path needs a key (default deny), so a route added later is protected until it is
 * listed here. Matched exactly on the canonical path ({@link CanonicalPath}), never on a decoded or normalised one.
 */
public final class PublicPaths {

    /**
     * The web UI's files under {@code META-INF/resources/}: the pages, their modules and style sheet, the favicon and
     * the vendored libraries with their licences ({@code CanonicalPathTest} checks that every file is listed).
     */
    static final Set<String> WEB_UI = Set.of("/", "/index.html", "/playground.html", "/favicon.svg", "/style.css",
            "/common.js", "/chat.js", "/chat-socket.js", "/conversations.js", "/markdown.js", "/playground.js",
            "/tokens.js",
            "/vendor/marked/marked.umd.js", "/vendor/marked/LICENSE.md",
            "/vendor/dompurify/purify.min.js", "/vendor/dompurify/LICENSE.txt", "/vendor/dompurify/LICENSE-MPL.txt",
            "/vendor/highlight/highlight.min.js", "/vendor/highlight/a11y-light.min.css",
            "/vendor/highlight/a11y-dark.min.css", "/vendor/highlight/LICENSE.txt", "/vendor/README.md");
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
