package dev.llmplatform.grpcauth;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;

/**
 * Refuses every gRPC call without the shared token (UNAUTHENTICATED) when one is configured; lets everything through
 * when none is. The standard health service ({@code grpc.health.v1.Health}) stays open for probes. Each service
 * registers a subclass as a global interceptor, built from its {@code llm.grpc.token} setting.
 */
public class SharedTokenInterceptor implements ServerInterceptor {

    private static final String HEALTH_SERVICE = "grpc.health.v1.Health";

    private final Optional<SharedToken> token;

    /** An interceptor for the configured token (empty: no authentication). */
    public SharedTokenInterceptor(Optional<String> configured) {
        this.token = SharedToken.of(configured);
    }

    /** Whether a token is required. */
    public boolean enabled() {
        return token.isPresent();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        if (token.isEmpty() || HEALTH_SERVICE.equals(call.getMethodDescriptor().getServiceName())
                || token.get().acceptsHeader(headers.get(SharedToken.AUTHORIZATION))) {
            return next.startCall(call, headers);
        }
        call.close(Status.UNAUTHENTICATED.withDescription(
                "missing or wrong gRPC token: send the metadata 'authorization: Bearer <LLM_GRPC_TOKEN>'"),
                new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
