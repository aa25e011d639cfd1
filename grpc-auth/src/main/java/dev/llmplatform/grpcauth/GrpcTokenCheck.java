package dev.llmplatform.grpcauth;

import io.quarkus.grpc.GlobalInterceptor;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The interceptor every Quarkus service with a gRPC server picks up from this bean archive: it requires the shared
 * gRPC token ({@code llm.grpc.token}, environment {@code LLM_GRPC_TOKEN}) on every call when one is configured.
 */
@Singleton
@GlobalInterceptor
public class GrpcTokenCheck extends SharedTokenInterceptor {

    GrpcTokenCheck(@ConfigProperty(name = "llm.grpc.token") Optional<String> token) {
        super(token);
    }
}
