package dev.llmplatform.gateway.grpc;

import dev.llmplatform.grpcauth.SharedTokenCredentials;
import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.CompositeChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One plaintext gRPC channel per discovered inference endpoint ({@code host:port}), opened when the endpoint is
 * discovered and shut down when it disappears or the application stops. Quarkus' named gRPC clients cannot serve
 * here: the endpoints come and go at run time and the gateway routes each request to one of them itself (decision
 * record docs/adr/0010-gateway-grpc-channels.md). Calls fail fast with UNAVAILABLE when an endpoint is down (no
 * wait-for-ready). With the shared gRPC token configured ({@code llm.grpc.token}, {@code LLM_GRPC_TOKEN}) every call
 * carries {@code authorization: Bearer <token>}, as the tokenizer client's calls do.
 */
@ApplicationScoped
public class InferenceChannels {

    private static final int MAX_INBOUND_BYTES = 16 * 1024 * 1024;

    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final Optional<CallCredentials> credentials;

    private final Vertx vertx;

    public InferenceChannels(@ConfigProperty(name = "llm.grpc.token") Optional<String> token, Vertx vertx) {
        this.credentials = SharedTokenCredentials.of(token);
        this.vertx = vertx;
    }

    /** The channel for {@code host:port}. */
    public ManagedChannel channel(String address) {
        return channels.computeIfAbsent(address, this::open);
    }

    /** Drops and shuts down the channel of an address that is no longer discovered. */
    public void forget(String address) {
        ManagedChannel channel = channels.remove(address);
        if (channel != null) {
            channel.shutdown();
        }
    }

    private ManagedChannel open(String address) {
        HostPort hostPort = HostPort.parse(address);
        ChannelCredentials plaintext = InsecureChannelCredentials.create();
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(hostPort.host(), hostPort.port(), credentials
                        .<ChannelCredentials>map(token -> CompositeChannelCredentials.create(plaintext, token))
                        .orElse(plaintext))
                .maxInboundMessageSize(MAX_INBOUND_BYTES)
                .keepAliveTime(30, TimeUnit.SECONDS)
                .keepAliveWithoutCalls(false);
        if (!vertx.isNativeTransportEnabled()) {
            // the HTTP server's event loops also carry the gRPC connections: a streamed piece is read on a thread
            // that serves HTTP, not on one of grpc-java's own that would hand it over (the channel does not own or
            // close these loops; with a native transport, whose channel type differs, grpc-java keeps its own)
            builder.eventLoopGroup(vertx.nettyEventLoopGroup()).channelType(NioSocketChannel.class);
        }
        return builder.build();
    }

    @PreDestroy
    public void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }
}
