package dev.llmplatform.inference.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmplatform.grpcauth.SharedTokenCredentials;
import dev.llmplatform.proto.inference.v1.GetLoadRequest;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc.InferenceServiceBlockingStub;
import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** With {@code llm.grpc.token} set, every call needs the token; the standard health service stays open. */
@QuarkusTest
@TestProfile(GrpcTokenTest.TokenProfile.class)
class GrpcTokenTest {

    /** A token, and no model (the service stays up, not ready: enough for the calls below). */
    public static class TokenProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("llm.grpc.token", "test-token", "inference.model.path", "");
        }
    }

    @GrpcClient("inference")
    InferenceServiceBlockingStub stub;

    @Test
    void callsWithoutTheTokenAreUnauthenticated() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> stub.getLoad(GetLoadRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
        StatusRuntimeException wrong = assertThrows(StatusRuntimeException.class,
                () -> stub.withCallCredentials(SharedTokenCredentials.of(Optional.of("other")).orElseThrow())
                        .getLoad(GetLoadRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, wrong.getStatus().getCode());
    }

    @Test
    void callsWithTheTokenPass() {
        assertEquals(false, stub.withCallCredentials(SharedTokenCredentials.of(Optional.of("test-token"))
                .orElseThrow()).getLoad(GetLoadRequest.getDefaultInstance()).getReady());
    }

    @Test
    void theHealthServiceNeedsNoToken() throws InterruptedException {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", 18182).usePlaintext().build();
        try {
            assertEquals("NOT_SERVING", HealthGrpc.newBlockingStub(channel)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus().name());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
