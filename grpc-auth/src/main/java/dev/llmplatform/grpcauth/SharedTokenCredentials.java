package dev.llmplatform.grpcauth;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import java.util.Optional;
import java.util.concurrent.Executor;

/** Client side: adds {@code authorization: Bearer <token>} to every call made with these credentials. */
public final class SharedTokenCredentials extends CallCredentials {

    private final SharedToken token;

    private SharedTokenCredentials(SharedToken token) {
        this.token = token;
    }

    /** Credentials for the configured token, or empty when none is configured (calls go without). */
    public static Optional<CallCredentials> of(Optional<String> configured) {
        return SharedToken.of(configured).map(SharedTokenCredentials::new);
    }

    @Override
    public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(SharedToken.AUTHORIZATION, token.header());
        applier.apply(headers);
    }
}
