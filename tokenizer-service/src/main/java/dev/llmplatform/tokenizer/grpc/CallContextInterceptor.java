package dev.llmplatform.tokenizer.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gives every call a gRPC {@link Context} that is cancelled when the call is: when the client cancels or goes away,
 * when the call's deadline ({@code grpc-timeout}) passes, and when the call completes. The Vert.x gRPC server that
 * serves gRPC on the HTTP port creates no such context (grpc-java's own server does), so without this the work of
 * a call whose caller gave up would run to its end. It is the outermost interceptor: the context is current when
 * Quarkus hands the call to a worker thread, and the client's cancellation reaches it on the event loop at once,
 * not queued behind the running work.
 */
@ApplicationScoped
@GlobalInterceptor
public class CallContextInterceptor implements ServerInterceptor, Prioritized {

    private static final Metadata.Key<String> TIMEOUT = Metadata.Key.of("grpc-timeout",
            Metadata.ASCII_STRING_MARSHALLER);
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "grpc-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public int getPriority() {
        return Integer.MAX_VALUE; // called first, before Quarkus' blocking dispatch (Integer.MAX_VALUE - 60)
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        OptionalLong timeout = timeoutNanos(headers.get(TIMEOUT));
        Context.CancellableContext context = timeout.isPresent()
                ? Context.current().withDeadlineAfter(timeout.getAsLong(), TimeUnit.NANOSECONDS, DEADLINES)
                : Context.current().withCancellation();
        ServerCall.Listener<Q> listener;
        try {
            listener = Contexts.interceptCall(context, call, headers, next);
        } catch (RuntimeException | Error e) {
            context.cancel(e);
            throw e;
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onCancel() {
                context.cancel(null);
                super.onCancel();
            }

            @Override
            public void onComplete() {
                try {
                    super.onComplete();
                } finally {
                    context.cancel(null);
                }
            }
        };
    }

    /** The {@code grpc-timeout} header in nanoseconds: up to 8 digits and a unit (H, M, S, m, u, n). */
    static OptionalLong timeoutNanos(String header) {
        if (header == null || header.length() < 2 || header.length() > 9) {
            return OptionalLong.empty();
        }
        long value;
        try {
            value = Long.parseLong(header.substring(0, header.length() - 1));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        TimeUnit unit = switch (header.charAt(header.length() - 1)) {
            case 'H' -> TimeUnit.HOURS;
            case 'M' -> TimeUnit.MINUTES;
            case 'S' -> TimeUnit.SECONDS;
            case 'm' -> TimeUnit.MILLISECONDS;
            case 'u' -> TimeUnit.MICROSECONDS;
            case 'n' -> TimeUnit.NANOSECONDS;
            default -> null;
        };
        return unit == null || value < 0 ? OptionalLong.empty() : OptionalLong.of(unit.toNanos(value));
    }
}
