package dev.llmplatform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testkit.client.GrpcChannels;
import dev.llmplatform.testkit.platform.Platform;
import dev.llmplatform.testkit.platform.ServiceProcess;
import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import io.grpc.ManagedChannel;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What internal clients rely on when they call the gRPC services directly: the standard health check answers
 * SERVING, and server reflection lists the v1 services (so grpcurl works without the protos).
 */
class GrpcDiscoveryIT {

    private final Platform platform = SharedPlatform.get();

    @Test
    void tokenizerServiceAnswersHealthAndReflection() throws Exception {
        check(platform.tokenizer(), "llmplatform.tokenizer.v1.TokenizerService");
    }

    @Test
    void inferenceServiceAnswersHealthAndReflection() throws Exception {
        check(platform.inference(SharedPlatform.STORIES_PROCESS), "llmplatform.inference.v1.InferenceService");
    }

    private void check(ServiceProcess service, String serviceName) throws Exception {
        ManagedChannel channel = GrpcChannels.plaintext(service.port());
        try {
            HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());
            assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.getStatus());
            List<String> services = listServices(channel);
            assertTrue(services.contains(serviceName), "reflection lists " + services);
            assertTrue(services.contains("grpc.health.v1.Health"), "reflection lists " + services);
        } finally {
            channel.shutdownNow();
        }
    }

    private List<String> listServices(ManagedChannel channel) throws Exception {
        CompletableFuture<List<String>> names = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = GrpcChannels.withToken(ServerReflectionGrpc.newStub(channel),
                platform.grpcToken()).withDeadlineAfter(5, TimeUnit.SECONDS).serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        names.complete(response.getListServicesResponse().getServiceList().stream()
                                .map(ServiceResponse::getName).toList());
                    }

                    @Override
                    public void onError(Throwable t) {
                        names.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        names.complete(List.of());
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        List<String> result = names.get(10, TimeUnit.SECONDS);
        requests.onCompleted();
        return result;
    }
}
