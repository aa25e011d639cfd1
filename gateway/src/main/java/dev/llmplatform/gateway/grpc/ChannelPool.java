package dev.llmplatform.gateway.grpc;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import io.grpc.netty.NettyChannelBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One plaintext gRPC channel per backend address ({@code host:port}), created on first use and shut down with the
 * application. Channels reconnect by themselves; calls on a channel that cannot connect fail fast with UNAVAILABLE
 * (no wait-for-ready), so a backend that is down costs the client one quick error, never a hang.
 */
@ApplicationScoped
public class ChannelPool {

    private static final int MAX_INBOUND_BYTES = 16 * 1024 * 1024;
    /** How long a call waits for a channel to leave TRANSIENT_FAILURE after its backoff was reset. */
    static final Duration RECONNECT_WAIT = Duration.ofMillis(500);

    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    /** The channel for {@code host:port}. */
    public ManagedChannel channel(String address) {
        return channels.computeIfAbsent(address, ChannelPool::open);
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

    private static ManagedChannel open(String address) {
        HostPort hostPort = HostPort.parse(address);
        return NettyChannelBuilder.forAddress(hostPort.host(), hostPort.port())
                .usePlaintext()
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
