package dev.llmplatform.hfhub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP client, and the decisions every request shares: the token goes to the Hub's own origin (scheme, host and
 * port) only, redirects are followed by the callers themselves (so that a redirect to a CDN never carries the token),
 * and error statuses become messages that name the file and what to do.
 */
final class HubHttp {

    static final String USER_AGENT = "llm-platform-hf-hub/1 java/" + Runtime.version().feature();

    private final HttpClient client;
    private final Optional<String> token;
    private final URI tokenOrigin;
    private final Duration readTimeout;

    /**
     * @param token       the bearer token, if any
     * @param tokenOrigin the URL whose origin may receive the token (the Hub endpoint)
     */
    HubHttp(TransferSettings settings, Optional<String> token, URI tokenOrigin) {
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout()).build();
        this.token = token;
        this.tokenOrigin = tokenOrigin;
        this.readTimeout = settings.readTimeout();
    }

    /** An HTTP client that sends no token. */
    static HubHttp anonymous(TransferSettings settings) {
        return new HubHttp(settings, Optional.empty(), URI.create("http://localhost"));
    }

    HttpClient client() {
        return client;
    }

    /** A request to {@code url} with the user agent, the read timeout and, for the Hub's origin, the token. */
    HttpRequest.Builder request(URI url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(readTimeout).header("User-Agent",
                USER_AGENT);
        if (token.isPresent() && sameOrigin(url, tokenOrigin)) {
            request.header("Authorization", "Bearer " + token.get());
        }
        return request;
    }

    /** Whether a redirect status. */
    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** The target of a redirect, refusing a downgrade from https to http. */
    static URI redirectTarget(URI from, String location) throws HubException {
        if (location == null || location.isBlank()) {
            throw new HubException(HubException.Reason.INVALID_RESPONSE, redact(from)
                    + " answered a redirect without a Location");
        }
        URI target;
        try {
            target = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new HubException(HubException.Reason.INVALID_RESPONSE, redact(from)
                    + " redirects to a malformed location");
        }
        if (!"https".equals(target.getScheme()) && !("http".equals(target.getScheme())
                && "http".equals(from.getScheme()))) {
            throw new HubException(HubException.Reason.INVALID_RESPONSE, redact(from) + " redirects to "
                    + redact(target) + ", which is refused (only http(s), and never from https to http)");
        }
        return target;
    }

    /** Whether two URLs share scheme, host and port. */
    static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
                && Objects.equals(lower(a.getHost()), lower(b.getHost())) && port(a) == port(b);
    }

    /** A URL fit for messages and logs: without user info and query (a CDN URL's query is a signature). */
    static String redact(URI url) {
        String text = url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "")
                + Optional.ofNullable(url.getRawPath()).orElse("");
        return url.getRawQuery() == null ? text : text + "?...";
    }

    /**
     * The failure an error status means.
     *
     * @param what     what was asked for, for the message
     * @param hadToken whether the request carried the token
     */
    static HubException statusError(int status, HttpHeaders headers, String what, URI url, boolean hadToken) {
        String errorCode = headers.firstValue("X-Error-Code").orElse("");
        String base = what + ": " + redact(url) + " answered HTTP " + status;
        if (status == 401 || status == 403) {
            String hint = errorCode.equals("GatedRepo") || status == 403
                    ? "the repository is gated or private: accept its conditions on the Hub and set HF_TOKEN to a "
                    + "token with access"
                    : "the repository is private, gated or does not exist: set HF_TOKEN to a token with access";
            return new HubException(HubException.Reason.ACCESS_DENIED, base + " (" + hint
                    + (hadToken ? "; the token that was sent was not accepted" : "; no token was sent") + ")");
        }
        if (status == 404) {
            String detail = switch (errorCode) {
                case "EntryNotFound" -> "no such file in the repository at this revision";
                case "RevisionNotFound" -> "no such revision";
                case "RepoNotFound" -> "no such repository";
                default -> "not found";
            };
            return new HubException(HubException.Reason.NOT_FOUND, base + " (" + detail + ")");
        }
        return new HubException(HubException.Reason.HTTP_ERROR, base
                + (status >= 500 ? " (the server failed; try again later)" : ""));
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static int port(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }
}
