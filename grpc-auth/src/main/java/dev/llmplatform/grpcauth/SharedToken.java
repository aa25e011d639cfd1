package dev.llmplatform.grpcauth;

import io.grpc.Metadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The shared secret that guards the internal gRPC ports ({@code LLM_GRPC_TOKEN}): a caller sends
 * {@code authorization: Bearer <token>} as call metadata. An empty or blank value means no token is configured.
 */
public final class SharedToken {

    /** The metadata key the token travels in. */
    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private static final String BEARER = "Bearer ";

    private final byte[] token;

    private SharedToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** The token named by a configuration value, or empty when the value is absent or blank. */
    public static Optional<SharedToken> of(Optional<String> configured) {
        return configured.map(String::strip).filter(t -> !t.isEmpty()).map(SharedToken::new);
    }

    /** Whether {@code header} (the value of the authorization metadata, may be null) carries this token. */
    public boolean acceptsHeader(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] given = header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }

    /** The authorization metadata value that carries this token. */
    public String header() {
        return BEARER + new String(token, StandardCharsets.UTF_8);
    }
}
