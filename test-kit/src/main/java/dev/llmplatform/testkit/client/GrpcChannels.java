package dev.llmplatform.testkit.client;

import dev.llmplatform.grpcauth.SharedTokenCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.AbstractStub;
import java.util.Optional;

/**
 * Plaintext gRPC channels to a service on 127.0.0.1, and the shared gRPC token every kit client sends when one is
 * configured: the system property {@code llm.grpc.token} (what the services read too) or else the environment
 * variable {@code LLM_GRPC_TOKEN}.
 */
public final class GrpcChannels {

    /** The system property that carries the shared gRPC token. */
    public static final String TOKEN_PROPERTY = "llm.grpc.token";
    /** The environment variable that carries the shared gRPC token. */
    public static final String TOKEN_ENV = "LLM_GRPC_TOKEN";

    private GrpcChannels() {
    }

    /** A channel to {@code 127.0.0.1:port} (connects lazily). */
    public static ManagedChannel plaintext(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    /** A channel to {@code 127.0.0.1:port} that accepts messages up to {@code maxInboundBytes}. */
    public static ManagedChannel plaintext(int port, int maxInboundBytes) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                .maxInboundMessageSize(maxInboundBytes).build();
    }

    /** The configured shared token: {@code -Dllm.grpc.token}, else {@code LLM_GRPC_TOKEN}; empty when neither is set. */
    public static Optional<String> configuredToken() {
        String property = System.getProperty(TOKEN_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Optional.of(property.strip());
        }
        return Optional.ofNullable(System.getenv(TOKEN_ENV)).map(String::strip).filter(t -> !t.isEmpty());
    }

    /** The stub, sending {@code authorization: Bearer <token>} on every call when a token is given. */
    public static <S extends AbstractStub<S>> S withToken(S stub, Optional<String> token) {
        return SharedTokenCredentials.of(token).map(stub::withCallCredentials).orElse(stub);
    }
}
