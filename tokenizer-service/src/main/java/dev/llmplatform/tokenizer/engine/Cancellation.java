package dev.llmplatform.tokenizer.engine;

import dev.llmplatform.tokenizer.error.CallCancelledException;
import io.grpc.Context;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.MDC;

/**
 * Stops work whose caller is gone: the gRPC call context (cancelled when the client cancels or its deadline passes)
 * is checked between pieces and between texts, and carried to the counting pool's threads. Outside a gRPC call the
 * context is the root context, which is never cancelled.
 */
public final class Cancellation {

    private Cancellation() {
    }

    /**
     * Returns when the current call goes on.
     *
     * @throws CallCancelledException when it was cancelled or its deadline passed
     */
    public static void check() {
        Context context = Context.current();
        if (context.isCancelled()) {
            throw new CallCancelledException(context.cancellationCause() instanceof TimeoutException);
        }
    }

    /**
     * {@code task} running, on another thread, as part of the current call: with its gRPC context (so that it sees a
     * cancellation), its OpenTelemetry context, and its log context (the MDC, where tracing puts the call's
     * {@code traceId} and {@code spanId}, so that what the task logs carries them). The thread's own log context is
     * put back afterwards.
     */
    public static <T> Callable<T> carry(Callable<T> task) {
        Map<String, Object> log = MDC.getMap();
        Callable<T> inContexts = io.opentelemetry.context.Context.current().wrap(Context.current().wrap(task));
        return () -> {
            Map<String, Object> before = MDC.getMap();
            replaceLogContext(log);
            try {
                return inContexts.call();
            } finally {
                replaceLogContext(before);
            }
        };
    }

    private static void replaceLogContext(Map<String, Object> values) {
        MDC.clear();
        values.forEach(MDC::put);
    }
}
