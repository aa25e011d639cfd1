package dev.llmplatform.gateway.fakes;

import dev.llmplatform.grpcauth.SharedTokenInterceptor;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Two fake inference endpoints serving {@link #MODEL} and one fake tokenizer service, each a real gRPC server on a
 * free loopback port behind the services' own token interceptor. Every piece of state belongs to this instance: the
 * Quarkus tests get theirs through {@link FakeBackends}, the router's tests make their own.
 */
public final class GrpcFakes implements AutoCloseable {

    /** The model both fake endpoints serve. */
    public static final String MODEL = "fake-model";

    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "grpc-fakes");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<String> requiredToken = new AtomicReference<>();
    /** The last Generate request either endpoint received. */
    public final AtomicReference<GenerateRequest> lastRequest = new AtomicReference<>();
    /** First inference endpoint. */
    public final FakeInference first = new FakeInference(MODEL, timer, lastRequest);
    /** Second inference endpoint. */
    public final FakeInference second = new FakeInference(MODEL, timer, lastRequest);
    private final Server firstServer;
    private final Server secondServer;
    private Server tokenizerServer;
    private final int tokenizerPort;

    private GrpcFakes() {
        firstServer = serve(0, first);
        secondServer = serve(0, second);
        tokenizerServer = serve(0, new FakeTokenizer());
        tokenizerPort = tokenizerServer.getPort();
    }

    /** Starts the three services. */
    public static GrpcFakes start() {
        return new GrpcFakes();
    }

    /** {@code host:port} of both inference endpoints, comma-separated. */
    public String inferenceAddresses() {
        return "127.0.0.1:" + firstServer.getPort() + ",127.0.0.1:" + secondServer.getPort();
    }

    /** The tokenizer service's port. */
    public int tokenizerPort() {
        return tokenizerPort;
    }

    /** Every service requires this gRPC token from now on (as the real ones do with LLM_GRPC_TOKEN); null: none. */
    public void requireToken(String token) {
        requiredToken.set(token);
    }

    /** Generate calls cancelled by the caller, on both endpoints. */
    public int cancelled() {
        return first.cancelled.get() + second.cancelled.get();
    }

    /** Generate calls received, on both endpoints. */
    public int calls() {
        return first.calls.get() + second.calls.get();
    }

    /** Both endpoints back to normal: answering, nothing reported running, no failures queued. */
    public void reset() {
        for (FakeInference endpoint : new FakeInference[] {first, second}) {
            endpoint.stopped.set(false);
            endpoint.ready.set(true);
            endpoint.reportedRunning.set(0);
            endpoint.failNext.set(0);
        }
        requiredToken.set(null);
    }

    /** Stops the tokenizer service. */
    public void stopTokenizer() throws InterruptedException {
        tokenizerServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Starts the tokenizer service again on its port. */
    public void restartTokenizer() {
        tokenizerServer = serve(tokenizerPort, new FakeTokenizer());
    }

    @Override
    public void close() {
        for (Server server : new Server[] {firstServer, secondServer, tokenizerServer}) {
            server.shutdownNow();
        }
        timer.shutdownNow();
    }

    private Server serve(int port, BindableService service) {
        try {
            return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                    .addService(ServerInterceptors.intercept(service, new RequiredToken())).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks {@link #requiredToken} on every call with the services' own interceptor. */
    private final class RequiredToken implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                ServerCallHandler<Q, R> next) {
            return new SharedTokenInterceptor(Optional.ofNullable(requiredToken.get()))
                    .interceptCall(call, headers, next);
        }
    }
}
