package dev.llmplatform.bench.client;

import dev.llmplatform.proto.inference.v1.GetLoadRequest;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc;
import dev.llmplatform.proto.inference.v1.LoadReport;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Reads an inference service's load over gRPC ({@code GetLoad}). */
public final class LoadProbe implements AutoCloseable {

    private final ManagedChannel channel;
    private final InferenceServiceGrpc.InferenceServiceBlockingStub stub;

    /** A probe of the inference service on 127.0.0.1:port. */
    public LoadProbe(int port) {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        stub = InferenceServiceGrpc.newBlockingStub(channel);
    }

    /** The current load, or empty when the service does not answer within a second. */
    public Optional<LoadReport> load() {
        try {
            return Optional.of(stub.withDeadlineAfter(1, TimeUnit.SECONDS).getLoad(GetLoadRequest.getDefaultInstance()));
        } catch (StatusRuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
