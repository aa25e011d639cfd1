package dev.llmplatform.testkit.client;

import dev.llmplatform.proto.inference.v1.GetLoadRequest;
import dev.llmplatform.proto.inference.v1.InferenceServiceGrpc;
import dev.llmplatform.proto.inference.v1.LoadReport;
import dev.llmplatform.testkit.await.Await;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reads an inference service's load over gRPC ({@code GetLoad}), sending the shared token when one is set. */
public final class LoadProbe implements AutoCloseable {

    /** How often {@link #await} asks. */
    public static final Duration POLL = Duration.ofMillis(10);
    private static final long DEADLINE_MS = 2000;
    private final ManagedChannel channel;
    private final InferenceServiceGrpc.InferenceServiceBlockingStub stub;

    /** A probe of the inference service on 127.0.0.1:port, with the configured token (if any). */
    public LoadProbe(int port) {
        this(port, GrpcChannels.configuredToken());
    }

    /** A probe of the inference service on 127.0.0.1:port that sends the given token (if any). */
    public LoadProbe(int port, Optional<String> token) {
        channel = GrpcChannels.plaintext(port);
        stub = GrpcChannels.withToken(InferenceServiceGrpc.newBlockingStub(channel), token);
    }

    /**
     * The current load.
     *
     * @throws StatusRuntimeException when the service does not answer within 2 s
     */
    public LoadReport load() {
        return stub.withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS).getLoad(GetLoadRequest.getDefaultInstance());
    }

    /** The current load, or empty when the service does not answer within 2 s. */
    public Optional<LoadReport> tryLoad() {
        try {
            return Optional.of(load());
        } catch (StatusRuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Asks every 10 ms until the report matches, and returns how long that took.
     *
     * @throws org.awaitility.core.ConditionTimeoutException with the last report after the timeout
     */
    public Duration await(Predicate<LoadReport> condition, Duration timeout) {
        long start = System.nanoTime();
        Await.until(this::load, condition, timeout, POLL, "load report condition");
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
