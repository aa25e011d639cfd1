package dev.llmplatform.gateway.http;

import dev.llmplatform.gateway.config.GatewayConfig;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The browser origins allowed to call the gateway (CORS, the WebSocket handshake, pages): only those configured in
 * {@code gateway.allowed-origins} ({@code GATEWAY_ALLOWED_ORIGINS}), by default the loopback origins of the HTTP
 * port ({@code http://localhost:PORT}, {@code http://127.0.0.1:PORT}, {@code http://[::1]:PORT}). Never derived from
 * the request's Host header: a page on a foreign name that resolves to this server (DNS rebinding) sends a Host and
 * an Origin that agree with each other, so comparing them proves nothing.
 */
@ApplicationScoped
public class OriginPolicy {

    private final Set<String> origins;
    private final Set<String> hosts;

    OriginPolicy(GatewayConfig config, @ConfigProperty(name = "quarkus.http.port") int port,
            @ConfigProperty(name = "quarkus.http.test-port", defaultValue = "8081") int testPort) {
        int served = LaunchMode.current() == LaunchMode.TEST ? testPort : port;
        List<String> configured = config.allowedOrigins().orElse(List.of()).stream().map(String::strip)
                .filter(o -> !o.isEmpty()).toList();
        List<String> chosen = configured.isEmpty()
                ? List.of("http://localhost:" + served, "http://127.0.0.1:" + served, "http://[::1]:" + served)
                : configured;
        this.origins = chosen.stream().map(o -> normalize(o).orElseThrow(() -> new IllegalArgumentException(
                "gateway.allowed-origins: '" + o + "' is not an origin like https://chat.example.com")))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        this.hosts = origins.stream().map(o -> URI.create(o).getHost()).collect(Collectors.toSet());
    }

    /** Whether a request with this Origin header may be served. */
    public boolean allows(String origin) {
        return origin != null && normalize(origin).map(origins::contains).orElse(false);
    }

    /**
     * Whether a browser request without an Origin header (a navigation or a same-origin GET) may be served: the
     * host name it was sent to must be the host of an allowed origin. Used only to refuse, never to allow an Origin.
     */
    public boolean allowsHostHeader(String host) {
        if (host == null) {
            return false;
        }
        try {
            String name = URI.create("http://" + host.strip()).getHost();
            return name != null && hosts.contains(name.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The allowed origins, normalised ({@code scheme://host[:port]}, lower case, default ports left out). */
    public Set<String> origins() {
        return origins;
    }

    /** {@code scheme://host[:port]} in lower case without a default port; empty when it is no http(s) origin. */
    static Optional<String> normalize(String origin) {
        try {
            URI uri = URI.create(origin.strip().toLowerCase(Locale.ROOT));
            String scheme = uri.getScheme();
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null || !bare
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
                    || ("https".equals(scheme) && port == 443);
            return Optional.of(scheme + "://" + uri.getHost() + (defaultPort ? "" : ":" + port));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
