package dev.llmplatform.gateway;

import dev.llmplatform.gateway.fakes.FakeInferenceBackend;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The gateway in front of the gRPC fakes themselves (the real router, Stork's static list, the named tokenizer client)
 * with the shared gRPC token set, and with tight connection limits: one Quarkus start serves both the wiring tests
 * ({@link GrpcBackendTest}) and the connection limits ({@link ConnectionLimitsTest}).
 */
public class GrpcBackendProfile implements QuarkusTestProfile {

    /** The gateway's gRPC token. */
    static final String TOKEN = "s3cret";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("quarkus.arc.exclude-types", FakeInferenceBackend.class.getName()),
                Map.entry("llm.grpc.token", TOKEN),
                Map.entry("gateway.http.header-timeout", "1s"),
                Map.entry("gateway.http.body-timeout", "2s"),
                Map.entry("gateway.http.keep-alive-timeout", "2s"),
                Map.entry("gateway.http.max-connections-per-client", "6"),
                Map.entry("gateway.ws.max-per-client", "2"),
                Map.entry("gateway.ws.idle-timeout", "3s"));
    }
}
