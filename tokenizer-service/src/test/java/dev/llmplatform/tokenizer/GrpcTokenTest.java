package dev.llmplatform.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmplatform.grpcauth.SharedTokenCredentials;
import dev.llmplatform.proto.tokenizer.v1.CountRequest;
import dev.llmplatform.proto.tokenizer.v1.TokenizerServiceGrpc;
import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With a shared gRPC token configured ({@code llm.grpc.token}, {@code LLM_GRPC_TOKEN}) the tokenizer service refuses
 * calls without it (UNAUTHENTICATED), serves calls with it, and keeps the standard health service open.
 */
@QuarkusTest
@TestProfile(GrpcTokenTest.TokenProfile.class)
class GrpcTokenTest {

    private static final String TOKEN = "tokenizer-test-secret";

    /** The assets' tokenizers and a shared token. */
    public static class TokenProfile extends AssetsProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("llm.grpc.token", TOKEN);
            return overrides;
        }
    }

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress("localhost", 18181).usePlaintext().build();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static CountRequest count() {
        return CountRequest.newBuilder().setTokenizer("gpt2").setText("hello world").build();
    }

    @Test
    void aCountWithoutTheTokenIsUnauthenticated() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> TokenizerServiceGrpc.newBlockingStub(channel).count(count()));
        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
        assertFalse(String.valueOf(refused.getStatus().getDescription()).contains(TOKEN), "the token is not echoed");
        StatusRuntimeException wrong = assertThrows(StatusRuntimeException.class,
                () -> TokenizerServiceGrpc.newBlockingStub(channel)
                        .withCallCredentials(SharedTokenCredentials.of(Optional.of("not-it")).orElseThrow())
                        .count(count()));
        assertEquals(Status.Code.UNAUTHENTICATED, wrong.getStatus().getCode());
    }

    @Test
    void aCountWithTheTokenSucceeds() {
        int count = TokenizerServiceGrpc.newBlockingStub(channel)
                .withCallCredentials(SharedTokenCredentials.of(Optional.of(TOKEN)).orElseThrow())
                .count(count()).getCount();
        assertEquals(2, count);
    }

    @Test
    void theHealthServiceStaysOpen() {
        HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.getStatus());
    }
}
