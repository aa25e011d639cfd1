package dev.llmplatform.gateway.fakes;

import dev.llmplatform.grpcauth.SharedTokenInterceptor;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts two fake inference endpoints serving "fake-model" and one fake tokenizer service on free ports, and points
 * the gateway at them. The tokenizer can be stopped and restarted on the same port.
 */
public final class FakeBackends implements QuarkusTestResourceLifecycleManager {

    /** The model both fake endpoints serve. */
    public static final String MODEL = "fake-model";

    /** The last Generate request either endpoint received. */
    public static final java.util.concurrent.atomic.AtomicReference<dev.llmplatform.proto.inference.v1.GenerateRequest>
            LAST_REQUEST = new java.util.concurrent.atomic.AtomicReference<>();
    private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(2);
    /** First inference endpoint. */
    public static final FakeInference FIRST = new FakeInference(MODEL, TIMER);
    /** Second inference endpoint. */
    public static final FakeInference SECOND = new FakeInference(MODEL, TIMER);
    /** The gRPC token every fake requires, as the real services do with LLM_GRPC_TOKEN; null = none. */
    public static final AtomicReference<String> REQUIRED_TOKEN = new AtomicReference<>();
    private static Server first;
    private static Server second;
    private static Server tokenizer;
    private static int tokenizerPort;

    @Override
    public Map<String, String> start() {
        first = serve(0, FIRST);
        second = serve(0, SECOND);
        tokenizer = serve(0, new FakeTokenizer());
        tokenizerPort = tokenizer.getPort();
        return Map.of(
                "quarkus.stork.inference.service-discovery.address-list",
                "127.0.0.1:" + first.getPort() + ",127.0.0.1:" + second.getPort(),
                "gateway.tokenizer.address", "127.0.0.1:" + tokenizerPort,
                "gateway.tokenizer.deadline", "2s");
    }

    @Override
    public void stop() {
        for (Server server : new Server[] {first, second, tokenizer}) {
            if (server != null) {
                server.shutdownNow();
            }
        }
    }

    /** Stops the tokenizer service. */
    public static void stopTokenizer() throws InterruptedException {
        tokenizer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Starts the tokenizer service again on its port. */
    public static void restartTokenizer() {
        tokenizer = serve(tokenizerPort, new FakeTokenizer());
    }

    /** Checks {@link #REQUIRED_TOKEN} on every call with the services' own interceptor. */
    private static final class RequiredToken implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                ServerCallHandler<Q, R> next) {
            return new SharedTokenInterceptor(Optional.ofNullable(REQUIRED_TOKEN.get()))
                    .interceptCall(call, headers, next);
        }
    }

    private static Server serve(int port, io.grpc.BindableService service) {
        try {
            return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                    .addService(ServerInterceptors.intercept(service, new RequiredToken())).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
