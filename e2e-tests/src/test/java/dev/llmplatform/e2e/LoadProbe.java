package dev.llmplatform.e2e;

import dev.llmplatform.proto.inference.v1.GetLoadRequest;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc;
import dev.llmplatform.proto.inference.v1.LoadReport;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reads an inference service's load over real gRPC ({@code GetLoad}). */
final class LoadProbe implements AutoCloseable {

    private final ManagedChannel channel;
    private final InferenceServiceGrpc.InferenceServiceBlockingStub stub;

    LoadProbe(int port) {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        stub = InferenceServiceGrpc.newBlockingStub(channel);
    }

    LoadReport load() {
        return stub.withDeadlineAfter(2, TimeUnit.SECONDS).getLoad(GetLoadRequest.getDefaultInstance());
    }

    /**
     * Polls every 10 ms until the report matches, and returns how long that took; fails after the timeout with the
     * last report.
     */
    Duration await(Predicate<LoadReport> condition, Duration timeout) {
        long start = System.nanoTime();
        LoadReport last = load();
        while (!condition.test(last)) {
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new AssertionError("condition not met within " + timeout + "; last load report: " + last);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = load();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
