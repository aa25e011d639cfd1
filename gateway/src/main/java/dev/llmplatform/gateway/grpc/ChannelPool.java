package dev.llmplatform.gateway.grpc;

import dev.llmplatform.grpcauth.SharedTokenCredentials;
import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.CompositeChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One plaintext gRPC channel per backend address ({@code host:port}), created on first use and shut down with the
 * application. Channels reconnect by themselves; calls on a channel that cannot connect fail fast with UNAVAILABLE
 * (no wait-for-ready), so a backend that is down costs the client one quick error, never a hang. When the shared
 * gRPC token is configured ({@code llm.grpc.token}, environment {@code LLM_GRPC_TOKEN}), every call on every channel
 * carries {@code authorization: Bearer <token>}: generations, probes and tokenizer calls alike.
 */
@ApplicationScoped
public class ChannelPool {

    private static final int MAX_INBOUND_BYTES = 16 * 1024 * 1024;
    /** How long a call waits for a channel to leave TRANSIENT_FAILURE after its backoff was reset. */
    static final Duration RECONNECT_WAIT = Duration.ofMillis(500);

    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final Optional<CallCredentials> credentials;

    ChannelPool(@ConfigProperty(name = "llm.grpc.token") Optional<String> token) {
        this.credentials = SharedTokenCredentials.of(token);
    }

    /** The channel for {@code host:port}. */
    public ManagedChannel channel(String address) {
        return channels.computeIfAbsent(address, this::open);
    }

    /**
     * The channel, ready for a call that should try its backend now. A channel whose last connection attempt failed
     * waits out grpc-java's exponential reconnect backoff (growing to two minutes) and fails every call at once
     * meanwhile, so a restarted backend would stay unused. Here the backoff is reset and the call waits (at most
     * {@link #RECONNECT_WAIT}) until the channel has left TRANSIENT_FAILURE: the call then rides on that one
     * connection attempt, refused at once while the backend is down (a quick error) and sent as soon as it is back.
     */
    public static Uni<ManagedChannel> connectingNow(ManagedChannel channel) {
        if (channel.getState(false) != ConnectivityState.TRANSIENT_FAILURE) {
            return Uni.createFrom().item(channel);
        }
        return Uni.createFrom().<ManagedChannel>emitter(emitter -> {
            channel.notifyWhenStateChanged(ConnectivityState.TRANSIENT_FAILURE, () -> emitter.complete(channel));
            channel.resetConnectBackoff();
        }).ifNoItem().after(RECONNECT_WAIT).recoverWithItem(channel);
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
        return NettyChannelBuilder.forAddress(hostPort.host(), hostPort.port(), credentials
                        .<ChannelCredentials>map(token -> CompositeChannelCredentials.create(plaintext, token))
                        .orElse(plaintext))
                .maxInboundMessageSize(MAX_INBOUND_BYTES)
                .keepAliveTime(30, TimeUnit.SECONDS)
                .keepAliveWithoutCalls(false)
                .build();
    }

    @PreDestroy
    void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }
}
