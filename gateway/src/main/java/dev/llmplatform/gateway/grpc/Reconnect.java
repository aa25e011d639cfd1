package dev.llmplatform.gateway.grpc;

import io.grpc.Channel;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.smallrye.mutiny.Uni;
import java.time.Duration;

/**
 * Makes a channel try its backend now. A channel whose last connection attempt failed waits out grpc-java's
 * exponential reconnect backoff (growing to two minutes) and fails every call at once meanwhile, so a restarted
 * backend would stay unused. Here the backoff is reset and the call waits (at most {@link #WAIT}) until the channel
 * has left TRANSIENT_FAILURE: it then rides on that one connection attempt, refused at once while the backend is down
 * and sent as soon as it is back.
 */
public final class Reconnect {

    /** How long a call waits for the channel to leave TRANSIENT_FAILURE after its backoff was reset. */
    static final Duration WAIT = Duration.ofMillis(500);

    private Reconnect() {
    }

    /** Completes when the channel may be used (at once unless it is in TRANSIENT_FAILURE). */
    public static Uni<Void> now(Channel channel) {
        if (!(channel instanceof ManagedChannel managed)
                || managed.getState(false) != ConnectivityState.TRANSIENT_FAILURE) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().<Void>emitter(emitter -> {
            managed.notifyWhenStateChanged(ConnectivityState.TRANSIENT_FAILURE, () -> emitter.complete(null));
            managed.resetConnectBackoff();
        }).ifNoItem().after(WAIT).recoverWithItem((Void) null);
    }
}
