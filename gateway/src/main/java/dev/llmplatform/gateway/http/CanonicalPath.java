package dev.llmplatform.gateway.http;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a raw request path (as sent, before any decoding) is in the one canonical spelling that every part of the
 * gateway reads the same way. Vert.x routes match the raw path, while JAX-RS strips matrix parameters, decodes
 * escapes and resolves dot segments before matching, so two spellings of one route could reach two different
 * decisions. A path is canonical when it starts with {@code /} and has no matrix parameters ({@code ;}), no
 * backslash, no dot segments, no empty segment (doubled separators; a trailing {@code /} only on {@code /} and below
 * {@code /q/swagger-ui/}, whose pages are served there), no escaped separator, dot, percent sign or control
 * character ({@code %2F %5C %3B %2E %25 %00-%1F %7F}), no malformed escape and nothing outside printable ASCII.
 */
public final class CanonicalPath {

    private static final Set<String> TRAILING_SLASH_ALLOWED = Set.of("/", "/q/swagger-ui/");

    private CanonicalPath() {
    }

    /** Why the path is not canonical, or empty when it is. */
    public static Optional<String> problem(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.of("the path must start with '/'");
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\' || c == ';' || c == '#') {
                return Optional.of("the path contains a character that is not allowed in it");
            }
            if (c == '%') {
                Optional<String> escape = escapeProblem(rawPath, i);
                if (escape.isPresent()) {
                    return escape;
                }
            }
        }
        if (rawPath.endsWith("/") && !TRAILING_SLASH_ALLOWED.contains(rawPath)
                && !rawPath.startsWith("/q/swagger-ui/")) {
            return Optional.of("the path must not end with '/'");
        }
        String[] segments = rawPath.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("the path must not contain '.' or '..' segments");
            }
            if (segment.isEmpty() && i < segments.length - 1) {
                return Optional.of("the path must not contain empty segments ('//')");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> escapeProblem(String path, int at) {
        if (at + 3 > path.length()) {
            return Optional.of("the path has a malformed %-escape");
        }
        String hex = path.substring(at + 1, at + 3);
        int value;
        try {
            value = Integer.parseInt(hex, 16);
        } catch (NumberFormatException e) {
            return Optional.of("the path has a malformed %-escape");
        }
        if (hex.charAt(0) == '+' || hex.charAt(0) == '-') {
            return Optional.of("the path has a malformed %-escape");
        }
        return switch (value) {
            case '/', '\\', ';', '.', '%' -> Optional.of("the path must not contain an escaped '"
                    + (char) value + "' (%" + hex.toUpperCase(Locale.ROOT) + ")");
            default -> value < 0x20 || value == 0x7f
                    ? Optional.of("the path must not contain an escaped control character")
                    : Optional.empty();
        };
    }
}
